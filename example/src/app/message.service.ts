import { Injectable, signal } from '@angular/core';

/** A log of what the app did, shown under every page. */
@Injectable({ providedIn: 'root' })
export class MessageService {
  private readonly log = signal<string[]>([]);
  readonly messages = this.log.asReadonly();

  add(message: string): void {
    this.log.update((messages) => [...messages, message]);
  }

  clear(): void {
    this.log.set([]);
  }
}
