// Excluded by tsconfig.json ("exclude": ["src/**/*.spec.ts"]): no metadata is written for it.
import { HeroService } from './hero.service';

export const SPEC_SUBJECT = HeroService;
