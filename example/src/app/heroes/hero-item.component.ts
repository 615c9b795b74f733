import { TitleCasePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Hero } from '../hero';
import { RankPipe } from '../shared/rank.pipe';

/** One row of the hero list: a link to the hero and a delete button. */
@Component({
  selector: 'app-hero-item',
  imports: [RouterLink, TitleCasePipe, RankPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.newest]': 'newest()' },
  template: `
    <a [routerLink]="['/heroes', hero().id]">
      <span class="badge">{{ hero().id }}</span> {{ hero().name }}
    </a>
    <small>{{ hero().power | titlecase }} · {{ hero().rank | rank }}</small>
    <button type="button" class="delete" [attr.title]="'Delete ' + hero().name" (click)="deleted.emit(hero().id)">×</button>
  `,
  styles: `
    :host { display: flex; gap: 0.5rem; align-items: baseline; }
    :host(.newest) .badge { background: #1976d2; }
    .badge { background: #405061; color: white; padding: 0 0.4rem; border-radius: 4px; }
  `,
})
export class HeroItemComponent {
  readonly hero = input.required<Hero>();
  readonly newest = input(false);
  readonly deleted = output<number>();
}
