import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MessageService } from './message.service';

@Component({
  selector: 'app-messages',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let log = messages.messages();
    @if (log.length) {
      <section>
        <h2>Messages <button type="button" class="clear" (click)="messages.clear()">Clear</button></h2>
        <ol>
          @for (message of log; track $index) {
            <li>{{ message }}</li>
          }
        </ol>
      </section>
    }
  `,
  styles: `
    section { border-top: 1px solid #ccc; margin-top: 1rem; }
    li { font-family: monospace; }
  `,
})
export class MessagesComponent {
  protected readonly messages = inject(MessageService);
}
