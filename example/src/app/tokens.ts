import { InjectionToken } from '@angular/core';

/** The title shown in the header. */
export const APP_TITLE = new InjectionToken<string>('APP_TITLE');

/** How many heroes the dashboard shows. */
export const TOP_HEROES_COUNT = new InjectionToken<number>('TOP_HEROES_COUNT', { factory: () => 3 });
