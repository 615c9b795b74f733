import { Pipe, PipeTransform } from '@angular/core';

/** Shows a rank from 1 to 5 as stars: `3 | rank` is `★★★☆☆`. */
@Pipe({ name: 'rank' })
export class RankPipe implements PipeTransform {
  transform(rank: number, max = 5): string {
    const filled = Math.max(0, Math.min(max, Math.round(rank)));
    return '★'.repeat(filled) + '☆'.repeat(max - filled);
  }
}
