import { Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Hero } from '../hero';
import { HeroService } from '../hero.service';
import { MessageService } from '../message.service';
import { HighlightDirective } from '../shared/highlight.directive';
import { RankPipe } from '../shared/rank.pipe';
import { TOP_HEROES_COUNT } from '../tokens';
import { HeroSearchComponent } from './hero-search.component';

@Component({
  selector: 'app-dashboard',
  imports: [RouterLink, HighlightDirective, RankPipe, HeroSearchComponent],
  template: `
    <h2>Top heroes</h2>
    <div class="heroes-menu">
      @for (hero of topHeroes(); track hero.id; let first = $first) {
        <a [routerLink]="['/heroes', hero.id]" [appHighlight]="first ? '#ffe08a' : ''" [pinned]="first">
          <span class="name">{{ hero.name }}</span>
          <span class="rank" [attr.aria-label]="hero.rank + ' of 5'">{{ hero.rank | rank }}</span>
        </a>
      }
    </div>
    <app-hero-search (picked)="onPicked($event)" />
  `,
  styles: `
    .heroes-menu { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    .heroes-menu a { padding: 0.5rem 1rem; border-radius: 4px; background: #3f525c; color: white; }
  `,
})
export class DashboardComponent {
  private readonly heroes = inject(HeroService);
  private readonly messages = inject(MessageService);
  private readonly count = inject(TOP_HEROES_COUNT);
  protected readonly topHeroes = computed(() => this.heroes.byRank().slice(0, this.count));

  protected onPicked(hero: Hero): void {
    this.messages.add(`DashboardComponent: picked ${hero.name}`);
  }
}
