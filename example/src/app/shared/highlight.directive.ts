import { Directive, input, signal } from '@angular/core';

/** Highlights its element while the pointer is over it, or always when `pinned`. */
@Directive({
  selector: '[appHighlight]',
  exportAs: 'highlight',
  host: {
    class: 'highlightable',
    '[class.lit]': 'lit()',
    '[style.background-color]': "lit() ? color() : ''",
    '(mouseenter)': 'hovered.set(true)',
    '(mouseleave)': 'hovered.set(false)',
  },
})
export class HighlightDirective {
  readonly color = input('#fff3b0', { alias: 'appHighlight', transform: (value: string) => value || '#fff3b0' });
  readonly pinned = input(false);
  protected readonly hovered = signal(false);

  lit(): boolean {
    return this.pinned() || this.hovered();
  }
}
