import { Pipe, PipeTransform } from '@angular/core';

import { Priority } from './tokens';

@Pipe({ name: 'priority', pure: true })
export class PriorityPipe implements PipeTransform {
  transform(value: Priority): string {
    return Priority[value] || 'Unknown';
  }
}
