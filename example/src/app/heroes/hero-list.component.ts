import { Component, inject, signal } from '@angular/core';
import { FormsModule, NgForm } from '@angular/forms';
import { POWERS, Power } from '../hero';
import { HeroService } from '../hero.service';
import { HighlightDirective } from '../shared/highlight.directive';
import { HeroItemComponent } from './hero-item.component';

/** Every hero, with a template-driven form that adds one. */
@Component({
  selector: 'app-hero-list',
  imports: [FormsModule, HeroItemComponent, HighlightDirective],
  template: `
    <h2>My heroes</h2>
    <form #addForm="ngForm" (ngSubmit)="add(addForm)" class="add">
      <input name="name" [(ngModel)]="draft.name" required minlength="2" placeholder="New hero" />
      <select name="power" [(ngModel)]="draft.power">
        @for (power of powers; track power) {
          <option [value]="power">{{ power }}</option>
        }
      </select>
      <button type="submit" [disabled]="addForm.invalid">Add hero</button>
    </form>
    <ul class="heroes">
      @for (hero of heroes.heroes(); track hero.id) {
        <li appHighlight>
          <app-hero-item [hero]="hero" [newest]="hero.id === lastAdded()" (deleted)="heroes.remove($event)" />
        </li>
      } @empty {
        <li class="none">No heroes left.</li>
      }
    </ul>
  `,
  styles: `
    .heroes { list-style: none; padding: 0; }
    .heroes li { margin: 0.25rem 0; }
    form.add { display: flex; gap: 0.5rem; }
  `,
})
export class HeroListComponent {
  protected readonly heroes = inject(HeroService);
  protected readonly powers = POWERS;
  protected readonly lastAdded = signal<number | null>(null);
  protected draft: { name: string; power: Power } = { name: '', power: 'flight' };

  protected add(form: NgForm): void {
    if (form.invalid) return;
    const hero = this.heroes.add(this.draft.name, this.draft.power);
    this.lastAdded.set(hero.id);
    form.resetForm({ name: '', power: this.draft.power });
  }
}
