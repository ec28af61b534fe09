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
  | { type: 'hello'; shell: 'browser' }
  /** A frame the bridge could not read at all (not JSON, no id): said once, the socket stays open. */
  | { type: 'error'; message: string };

/** Query parameter carrying the token in the page URL and the WebSocket URL. */
export const BRIDGE_TOKEN_PARAM = 'token';
export const BRIDGE_WS_PATH = '/bridge';

/**
 * Largest frame either side sends. Files never travel in a frame: they are POSTed to
 * BRIDGE_UPLOAD_PATH (same token) and named by the upload id in the API call.
 */
export const BRIDGE_MAX_FRAME_BYTES = 8_388_608; // 8 MiB, written out so its type is the literal
/** Largest file the upload endpoint takes (64 MiB; a merchant FAQ file is far smaller). */
export const BRIDGE_MAX_UPLOAD_BYTES = 67_108_864;
/** POST the raw file body here with `?token=…&name=<file name>`; answers a Result<UploadReceipt>. */
export const BRIDGE_UPLOAD_PATH = '/upload';
export interface UploadReceipt {
  uploadId: string;
  name: string;
  bytes: number;
}
