// Files the renderer hands to the core (a knowledge import) arrive as a stream, not as one WebSocket
// frame: the browser shell's upload endpoint writes the request body to a file here, capped in size,
// and the API call then names the upload by id. A 60 MB spreadsheet never sits in a frame or a string.
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { BRIDGE_MAX_UPLOAD_BYTES } from '../../../shared/bridge-protocol';
import { ApiError } from '../api/router';
import { coreText } from '../../../shared/core-texts';

/** A merchant FAQ file is far smaller; anything bigger is a mistake (the same cap as a path import). */
export const MAX_UPLOAD_BYTES = BRIDGE_MAX_UPLOAD_BYTES;
/** An upload not used by an API call within this time is deleted. */
const UPLOAD_TTL_MS = 10 * 60_000;

export interface Upload {
  id: string;
  name: string;
  path: string;
  bytes: number;
}

export class UploadError extends Error {
  constructor(
    readonly status: 400 | 413 | 500,
    message: string,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

export class UploadStore {
  private readonly uploads = new Map<string, Upload & { timer: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly dir: string,
    private readonly maxBytes = MAX_UPLOAD_BYTES,
  ) {
    // Leftovers of a previous run (a crash between upload and import) are of no use to anyone.
    rmSync(dir, { recursive: true, force: true });
  }

  /** Streams `body` to a file; refuses (and deletes) it as soon as it passes the cap. */
  async receive(body: Readable, name: string, declaredBytes?: number): Promise<Upload> {
    if (declaredBytes !== undefined && declaredBytes > this.maxBytes) throw this.tooLarge();
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const id = randomBytes(12).toString('base64url');
    const path = join(this.dir, id);
    let bytes = 0;
    const limit = this.maxBytes;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > limit) done(new UploadError(413, 'too large'));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(body, counter, createWriteStream(path, { mode: 0o600 }));
    } catch (err) {
      rmSync(path, { force: true });
      if (err instanceof UploadError) throw this.tooLarge();
      throw new UploadError(400, `the upload was interrupted: ${(err as Error).message}`);
    }
    const timer = setTimeout(() => this.discard(id), UPLOAD_TTL_MS);
    timer.unref();
    const upload = { id, name, path, bytes };
    this.uploads.set(id, { ...upload, timer });
    return upload;
  }

  /** The upload, for one use: the caller reads it and then calls {@link discard}. */
  get(id: string): Upload | null {
    const u = this.uploads.get(id);
    return u ? { id: u.id, name: u.name, path: u.path, bytes: u.bytes } : null;
  }

  discard(id: string): void {
    const u = this.uploads.get(id);
    if (!u) return;
    clearTimeout(u.timer);
    this.uploads.delete(id);
    rmSync(u.path, { force: true });
  }

  /**
   * The bytes of a file an API call names, by absolute path (Electron) or upload id (used once, then
   * deleted). Refuses, with the reason, what is missing or over the cap.
   */
  read(ref: { path: string } | { uploadId: string }): { name: string; bytes: Buffer } {
    if ('uploadId' in ref) {
      const u = this.get(ref.uploadId);
      if (!u)
        throw new ApiError(
          'NOT_FOUND',
          'that upload is gone (used already or expired); pick the file again',
          coreText('refusal.upload_gone', {}),
        );
      try {
        return { name: u.name, bytes: readFileSync(u.path) };
      } finally {
        this.discard(u.id);
      }
    }
    if (!isAbsolute(ref.path)) throw new ApiError('BAD_REQUEST', 'the path must be absolute');
    let size: number;
    try {
      size = statSync(ref.path).size;
    } catch {
      throw new ApiError('NOT_FOUND', `no such file ${ref.path}`);
    }
    if (size > this.maxBytes)
      throw new ApiError('BAD_REQUEST', `${basename(ref.path)}: ${this.tooLarge().message}`);
    return { name: basename(ref.path), bytes: readFileSync(ref.path) };
  }

  close(): void {
    for (const id of [...this.uploads.keys()]) this.discard(id);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private tooLarge(): UploadError {
    return new UploadError(413, `file larger than ${Math.round(this.maxBytes / 1024 / 1024)} MB`);
  }
}
