import { NgModule } from '@angular/core';
import { BrowserModule } from '@angular/platform-browser';
import { RouterModule } from '@angular/router';

import { AppComponent } from './app.component';
import { routes } from './app.routes';
import { HeroDetailComponent } from './hero-detail.component';
import { HeroesComponent } from './heroes.component';
import { HighlightDirective } from './highlight.directive';
import { PriorityPipe } from './priority.pipe';
import { APP_CONFIG, defaultConfig, loggerFactory } from './tokens';

export const LOG_URL = 'app.log.url';

@NgModule({
  imports: [BrowserModule, RouterModule.forRoot(routes)],
  declarations: [AppComponent, HeroesComponent, HeroDetailComponent, HighlightDirective, PriorityPipe],
  providers: [
    { provide: APP_CONFIG, useValue: defaultConfig },
    { provide: LOG_URL, useFactory: loggerFactory, deps: [APP_CONFIG] },
  ],
  bootstrap: [AppComponent],
})
export class AppModule {}
