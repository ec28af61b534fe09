// A typed client for the renderer ↔ core API over any transport (Electron IPC through the preload, or
// the browser shell's WebSocket). The renderer only ever sees this interface.
import type { ApiEvent, ApiEventName, ApiInput, ApiMethodName, ApiOutput } from './api';
import type { Result } from './result';

export interface ApiTransport {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  /** Returns an unsubscribe function. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

export interface ApiClient {
  call<K extends ApiMethodName>(method: K, input: ApiInput<K>): Promise<Result<ApiOutput<K>>>;
  on<K extends ApiEventName>(event: K, listener: (payload: ApiEvent<K>) => void): () => void;
}

export function createApiClient(transport: ApiTransport): ApiClient {
  return {
    call: async (method, input) => {
      try {
        return (await transport.invoke(method, input)) as never;
      } catch (err) {
        return {
          ok: false,
          error: { code: 'UNAVAILABLE', message: err instanceof Error ? err.message : String(err) },
        };
      }
    },
    on: (event, listener) =>
      transport.subscribe((name, payload) => {
        if (name === event) listener(payload as never);
      }),
  };
}
