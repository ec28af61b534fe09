// Structured logging through pino; one child logger per component so lines say where they came from.
import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

// Logs go to stderr so command-line output on stdout (the hub's listening line, kb results) stays clean.
const root = pino(
  {
    level: process.env['XIAOER_LOG_LEVEL'] ?? (process.env['VITEST'] ? 'silent' : 'info'),
    base: undefined,
  },
  pino.destination(2),
);

export function createLogger(component: string): Logger {
  return root.child({ component });
}
