import { Inject, Injectable } from '@angular/core';

import { Hero } from './hero';
import { APP_CONFIG, AppConfig, Priority } from './tokens';

@Injectable({ providedIn: 'root' })
export class HeroService {
  private heroes: Hero[] = [
    { id: 11, name: 'Dr Nice', priority: Priority.High },
    { id: 12, name: 'Narco', priority: Priority.Low },
  ];

  constructor(@Inject(APP_CONFIG) private config: AppConfig) {}

  getHeroes(): Hero[] {
    return this.heroes.slice(0, this.config.pageSize);
  }

  getHero(id: number): Hero | undefined {
    return this.heroes.find(h => h.id === id);
  }
}
