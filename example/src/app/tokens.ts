import { InjectionToken } from '@angular/core';

export interface AppConfig {
  apiUrl: string;
  pageSize: number;
}

export const APP_CONFIG = new InjectionToken<AppConfig>('app.config');

export const DEFAULT_PAGE_SIZE = 20;

export const defaultConfig: AppConfig = {
  apiUrl: '/api',
  pageSize: DEFAULT_PAGE_SIZE,
};

export enum Priority {
  Low,
  Normal = 5,
  High = Normal * 2,
}

export function loggerFactory(config: AppConfig) {
  return config.apiUrl + '/log';
}
