import { Component } from '@angular/core';

export const APP_TITLE = 'Tour of Heroes';

@Component({
  selector: 'app-root',
  template: `
    <h1>{{ title }}</h1>
    <nav><a routerLink="/heroes">Heroes</a></nav>
    <router-outlet></router-outlet>
  `,
})
export class AppComponent {
  title = APP_TITLE;
}
