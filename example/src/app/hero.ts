import { Priority } from './tokens';

export interface Hero {
  id: number;
  name: string;
  priority: Priority;
}
