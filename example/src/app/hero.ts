export interface Hero {
  id: number;
  name: string;
  power: Power;
  /** 1 (rookie) to 5 (legend). */
  rank: number;
}

export type Power = 'flight' | 'strength' | 'speed' | 'telepathy';

export const POWERS: readonly Power[] = ['flight', 'strength', 'speed', 'telepathy'];
