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
import { coreText, type CoreText } from '../../../shared/core-texts';
import { fail, ok, parseInput, type ErrorCode, type Result } from '../../../shared/result';

export type ApiHandlers = {
  [K in ApiMethodName]: (input: ApiParsedInput<K>) => Promise<ApiOutput<K>> | ApiOutput<K>;
};

/** Thrown by handlers to answer with a specific error code instead of INTERNAL. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** For a refusal the agent reads: the same reason as a code the renderer words. */
    readonly text?: CoreText,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Refusals several handlers share, each with the code the renderer words. */
export const refuse = {
  ticketNotHere: (ticketId: string) =>
    new ApiError(
      'NOT_FOUND',
      `no ticket ${ticketId} on this workstation`,
      coreText('refusal.ticket_not_here', {}),
    ),
  ticketClosed: (ticketId: string) =>
    new ApiError('CONFLICT', `ticket ${ticketId} is already closed`, coreText('refusal.ticket_closed', {})),
  signInFirst: () => new ApiError('UNAUTHORIZED', 'sign in first', coreText('refusal.sign_in_first', {})),
};

/**
 * Calls that fill in around what the agent is looking at (suggestions, offers, what the AI promised,
 * earlier contacts, knowledge search): they start on a fresh macrotask, so a call that puts something
 * on screen (opening a ticket, a reply) received at the same time or just after is answered first.
 */
export const AFTER_THE_SCREEN: ReadonlySet<ApiMethodName> = new Set<ApiMethodName>([
  'assist.suggestions',
  'assist.macros',
  'assist.draft',
  'assist.knowledgeAnswer',
  'guard.aiPromises',
  'marketing.recommendations',
  'tickets.customerHistory',
  'kb.search',
]);

const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

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
      if (AFTER_THE_SCREEN.has(method)) await nextMacrotask();
      try {
        const handler = handlers[method] as (i: unknown) => unknown;
        return ok(await handler(parsed.data));
      } catch (err) {
        if (err instanceof ApiError)
          return err.text
            ? { ok: false, error: { code: err.code, message: err.message, text: err.text } }
            : fail(err.code, err.message);
        log(`API ${method} failed`, err);
        return fail('INTERNAL', err instanceof Error ? err.message : String(err));
      }
    },
  };
}
