import { Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { HeroService } from './hero.service';
import { MessagesComponent } from './messages.component';
import { APP_TITLE } from './tokens';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MessagesComponent],
  template: `
    <header>
      <h1>{{ title }}</h1>
      <nav>
        <a routerLink="/dashboard" routerLinkActive="active" ariaCurrentWhenActive="page">Dashboard</a>
        <a routerLink="/heroes" routerLinkActive="active" ariaCurrentWhenActive="page">Heroes ({{ heroes.count() }})</a>
      </nav>
    </header>
    <main><router-outlet /></main>
    <app-messages />
  `,
  styles: `
    :host { display: block; font: 15px/1.4 system-ui, sans-serif; max-width: 40rem; margin: auto; }
    nav a { margin-right: 1rem; }
    nav a.active { font-weight: bold; }
  `,
})
export class AppComponent {
  protected readonly title = inject(APP_TITLE);
  protected readonly heroes = inject(HeroService);
}
