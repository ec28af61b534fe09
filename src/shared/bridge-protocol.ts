// Wire format of the browser shell: the renderer talks to the core over a WebSocket on 127.0.0.1,
// authenticated by a per-run random token. Same API table as Electron IPC; only the transport differs.
import { z } from 'zod';

export const BridgeRequestSchema = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  input: z.unknown(),
});
export type BridgeRequest = z.infer<typeof BridgeRequestSchema>;

export type BridgeMessage =
  | { type: 'result'; id: number; result: unknown }
  | { type: 'event'; event: string; payload: unknown }
  | { type: 'hello'; shell: 'browser' };

/** Query parameter carrying the token in the page URL and the WebSocket URL. */
export const BRIDGE_TOKEN_PARAM = 'token';
export const BRIDGE_WS_PATH = '/bridge';
