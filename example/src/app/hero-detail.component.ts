import { Component, EventEmitter, Input, Output } from '@angular/core';

import { Hero } from './hero';

@Component({
  selector: 'app-hero-detail',
  template: `
    <div *ngIf="hero" [appHighlight]="'lightblue'">
      <h2>{{ hero.name | uppercase }} ({{ hero.priority | priority }})</h2>
      <button (click)="selected.emit(hero)">Select</button>
    </div>
  `,
  styles: ['h2 { font-weight: normal; }'],
})
export class HeroDetailComponent {
  @Input() hero: Hero | undefined;
  @Output() selected = new EventEmitter<Hero>();
}
