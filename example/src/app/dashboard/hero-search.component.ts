import { Component, computed, inject, output, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Hero } from '../hero';
import { HeroService } from '../hero.service';

/** A search box listing the heroes whose name contains the term. */
@Component({
  selector: 'app-hero-search',
  imports: [RouterLink],
  template: `
    <label for="search-box">Hero search</label>
    <input id="search-box" #box [value]="term()" (input)="search(box.value)" placeholder="Name" />
    @let found = results();
    @if (term()) {
      <ul class="results">
        @for (hero of found; track hero.id) {
          <li><a [routerLink]="['/heroes', hero.id]" (click)="picked.emit(hero)">{{ hero.name }}</a></li>
        } @empty {
          <li class="none">No hero matches "{{ term() }}".</li>
        }
      </ul>
    }
  `,
})
export class HeroSearchComponent {
  private readonly heroes = inject(HeroService);
  protected readonly term = signal('');
  protected readonly results = computed(() => this.heroes.search(this.term()));
  /** The hero whose link was followed. */
  readonly picked = output<Hero>();

  protected search(term: string): void {
    this.term.set(term);
  }
}
