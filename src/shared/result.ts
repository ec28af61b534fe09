// Results that cross a process boundary never throw: a rejected IPC/socket call loses its error code,
// so every handler answers { ok: true, data } or { ok: false, error: { code, message } }.
import { z } from 'zod';
import { CoreTextSchema, type CoreText } from './core-texts';

export const ERROR_CODES = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  UNKNOWN_METHOD: 'UNKNOWN_METHOD',
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Field-level detail for BAD_REQUEST (path → problem), so the caller can show what was wrong. */
  issues?: string[];
  /** RATE_LIMITED: how long to wait before trying again. */
  retryAfterMs?: number;
  /** An expected refusal a person reads (not a fault): its words in their language; `message` stays for logs. */
  text?: CoreText;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, issues?: string[]): Result<never> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
});

/** RATE_LIMITED with the wait stated in the message and as a number the caller can schedule on. */
export const rateLimited = (message: string, retryAfterMs: number): Result<never> => ({
  ok: false,
  error: { code: 'RATE_LIMITED', message, retryAfterMs: Math.max(0, Math.ceil(retryAfterMs)) },
});

export const AppErrorSchema = z.object({
  code: z.enum(Object.values(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
  issues: z.array(z.string()).optional(),
  retryAfterMs: z.number().int().nonnegative().optional(),
  text: CoreTextSchema.optional(),
});

export function resultSchema<T extends z.ZodType>(data: T) {
  return z.union([
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: AppErrorSchema }),
  ]);
}

/** Formats zod issues as "path: message" lines for a BAD_REQUEST answer. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}

/** Parses untrusted input; on failure returns a BAD_REQUEST result naming what was wrong. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  what: string,
): { ok: true; data: z.infer<T> } | { ok: false; error: AppError } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = describeIssues(parsed.error);
  return {
    ok: false,
    error: { code: 'BAD_REQUEST', message: `invalid ${what}: ${issues[0] ?? 'bad payload'}`, issues },
  };
}
