import { UpperCasePipe } from '@angular/common';
import { Component, OnInit, computed, inject, input, numberAttribute } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { POWERS, Power } from '../hero';
import { HeroService } from '../hero.service';
import { RankPipe } from '../shared/rank.pipe';

/** One hero, edited with a reactive form; the route's `:id` arrives as the `id` input. */
@Component({
  selector: 'app-hero-detail',
  imports: [ReactiveFormsModule, RouterLink, UpperCasePipe, RankPipe],
  template: `
    @if (hero(); as hero) {
      <h2>{{ hero.name | uppercase }} details</h2>
      <p class="id">id: {{ hero.id }} · rank {{ hero.rank | rank }}</p>
      <form [formGroup]="form" (ngSubmit)="save()">
        <label>Name <input formControlName="name" /></label>
        @let name = form.controls.name;
        @if (name.invalid && (name.dirty || name.touched)) {
          <p class="error" role="alert">
            @if (name.hasError('required')) { A hero needs a name. } @else { The name is too short. }
          </p>
        }
        <label>Power
          <select formControlName="power">
            @for (power of powers; track power) {
              <option [value]="power">{{ power }}</option>
            }
          </select>
        </label>
        <label>Rank <input type="number" formControlName="rank" min="1" max="5" /></label>
        <button type="submit" [disabled]="form.invalid || form.pristine">Save</button>
      </form>
    } @else {
      <p class="missing">There is no hero with id {{ id() }}.</p>
    }
    <a routerLink="/heroes">Back to the list</a>
  `,
  styles: `
    label { display: block; margin: 0.5rem 0; }
    .error { color: #b00020; }
  `,
})
export class HeroDetailComponent implements OnInit {
  private readonly heroes = inject(HeroService);
  private readonly fb = inject(NonNullableFormBuilder);

  /** The route parameter `:id`. */
  readonly id = input.required({ transform: numberAttribute });
  protected readonly hero = computed(() => this.heroes.find(this.id()));
  protected readonly powers = POWERS;
  protected readonly form = this.fb.group({
    name: ['', [Validators.required, Validators.minLength(2)]],
    power: this.fb.control<Power>('flight'),
    rank: [1, [Validators.min(1), Validators.max(5)]],
  });

  ngOnInit(): void {
    const hero = this.hero();
    if (hero) {
      this.form.setValue({ name: hero.name, power: hero.power, rank: hero.rank });
    }
  }

  protected save(): void {
    const hero = this.hero();
    if (hero && this.form.valid) {
      this.heroes.update({ ...hero, ...this.form.getRawValue() });
      this.form.markAsPristine();
    }
  }
}
