// The core's outward event stream: what the renderer is told, whichever shell carries it.
import { EventEmitter } from 'node:events';
import type { ApiEvent, ApiEventName } from '../../shared/api';

export type CoreEventListener = (event: ApiEventName, payload: unknown) => void;

export class CoreEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per connected window/tab; a busy day can have a few dozen.
    this.emitter.setMaxListeners(100);
  }

  emit<K extends ApiEventName>(event: K, payload: ApiEvent<K>): void {
    this.emitter.emit('event', event, payload);
  }

  subscribe(listener: CoreEventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
