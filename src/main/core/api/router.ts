// Routes renderer API calls to handlers. Both transports (Electron IPC, browser-shell WebSocket) call
// `dispatch`, so validation and error shaping live here once: unknown methods and inputs that fail the
// contract's schema are refused with a clear BAD_REQUEST/UNKNOWN_METHOD result and change nothing.
import {
  apiMethods,
  isApiMethod,
  type ApiMethodName,
  type ApiOutput,
  type ApiParsedInput,
} from '../../../shared/api';
import { fail, ok, parseInput, type ErrorCode, type Result } from '../../../shared/result';

export type ApiHandlers = {
  [K in ApiMethodName]: (input: ApiParsedInput<K>) => Promise<ApiOutput<K>> | ApiOutput<K>;
};

/** Thrown by handlers to answer with a specific error code instead of INTERNAL. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiRouter {
  dispatch(method: unknown, input: unknown): Promise<Result<unknown>>;
}

export function createApiRouter(
  handlers: ApiHandlers,
  log: (msg: string, err?: unknown) => void = () => {},
): ApiRouter {
  return {
    async dispatch(method, input) {
      if (!isApiMethod(method))
        return fail('UNKNOWN_METHOD', `unknown API method: ${String(method).slice(0, 100)}`);
      const parsed = parseInput(apiMethods[method].input, input ?? {}, `input for ${method}`);
      if (!parsed.ok) return parsed;
      try {
        const handler = handlers[method] as (i: unknown) => unknown;
        return ok(await handler(parsed.data));
      } catch (err) {
        if (err instanceof ApiError) return fail(err.code, err.message);
        log(`API ${method} failed`, err);
        return fail('INTERNAL', err instanceof Error ? err.message : String(err));
      }
    },
  };
}
