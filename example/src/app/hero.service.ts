import { Injectable, computed, inject, signal } from '@angular/core';
import { Hero, Power } from './hero';
import { MessageService } from './message.service';

const HEROES: Hero[] = [
  { id: 12, name: 'Dr. Nice', power: 'telepathy', rank: 3 },
  { id: 13, name: 'Bombasto', power: 'strength', rank: 4 },
  { id: 14, name: 'Celeritas', power: 'speed', rank: 5 },
  { id: 15, name: 'Magneta', power: 'flight', rank: 2 },
  { id: 16, name: 'RubberMan', power: 'strength', rank: 1 },
  { id: 17, name: 'Dynama', power: 'speed', rank: 4 },
];

/** The heroes, held in a signal; every change is reported to the MessageService. */
@Injectable({ providedIn: 'root' })
export class HeroService {
  private readonly messages = inject(MessageService);
  private readonly store = signal<Hero[]>(HEROES);

  readonly heroes = this.store.asReadonly();
  readonly count = computed(() => this.store().length);
  readonly byRank = computed(() => [...this.store()].sort((a, b) => b.rank - a.rank || a.id - b.id));

  find(id: number): Hero | undefined {
    return this.store().find((hero) => hero.id === id);
  }

  search(term: string): Hero[] {
    const needle = term.trim().toLowerCase();
    return needle ? this.store().filter((hero) => hero.name.toLowerCase().includes(needle)) : [];
  }

  add(name: string, power: Power): Hero {
    const id = Math.max(0, ...this.store().map((hero) => hero.id)) + 1;
    const hero: Hero = { id, name: name.trim(), power, rank: 1 };
    this.store.update((heroes) => [...heroes, hero]);
    this.messages.add(`HeroService: added hero id=${id}`);
    return hero;
  }

  update(changed: Hero): void {
    this.store.update((heroes) => heroes.map((hero) => (hero.id === changed.id ? changed : hero)));
    this.messages.add(`HeroService: updated hero id=${changed.id}`);
  }

  remove(id: number): void {
    this.store.update((heroes) => heroes.filter((hero) => hero.id !== id));
    this.messages.add(`HeroService: deleted hero id=${id}`);
  }
}
