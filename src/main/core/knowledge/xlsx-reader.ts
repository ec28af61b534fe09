// Opening merchant .xlsx files with limits. An .xlsx is a zip: before anything is inflated, the zip's
// central directory is read and the declared sizes checked (entry count, each entry, the total, the
// compression ratio); then the sheet is parsed in a worker thread with a capped heap, a deadline and
// row/cell caps, because a directory can lie. A 1.5 MB file that inflates to gigabytes is refused in
// milliseconds with a reason, and the core stays responsive either way.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { inflateRaw } from 'node:zlib';
import type { XlsxWorkerInput, XlsxWorkerOutput } from './xlsx-worker';

/** A file that cannot be imported as a whole (as opposed to a bad row, which is reported and skipped). */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export interface XlsxLimits {
  maxEntries: number;
  /** Declared uncompressed bytes of any one entry, and of all entries together. */
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Uncompressed / compressed, per entry: XML compresses well (~10–20×), a bomb far more. */
  maxRatio: number;
  maxRows: number;
  maxCells: number;
  workerHeapMb: number;
  timeoutMs: number;
}

// A merchant FAQ workbook of 20,000 rows of long answers is ~30 MB of sheet XML: these are generous.
export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxEntries: 1_000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 96 * 1024 * 1024,
  maxRatio: 400,
  maxRows: 50_000,
  maxCells: 1_000_000,
  workerHeapMb: 512,
  timeoutMs: 90_000,
};

const MB = 1024 * 1024;
const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const inflateRawAsync = promisify(inflateRaw);

function sizeText(bytes: number): string {
  return bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

interface ZipEntryInfo {
  name: string;
  method: number;
  compressed: number;
  size: number;
  localOffset: number;
}

/** Checks the central directory's declared sizes; throws ImportFileError with the reason. */
export function inspectZip(bytes: Uint8Array, limits: XlsxLimits = DEFAULT_XLSX_LIMITS): ZipEntryInfo[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is the last 22 bytes plus a comment of up to 64 KiB.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ImportFileError('not a readable .xlsx workbook (no zip directory found)');
  const entries = view.getUint16(eocd + 10, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || dirOffset === 0xffffffff)
    throw new ImportFileError('the workbook is a ZIP64 archive, far larger than a knowledge file can be');
  if (entries > limits.maxEntries)
    throw new ImportFileError(`the workbook has ${entries} parts (at most ${limits.maxEntries})`);
  let at = dirOffset;
  let total = 0;
  const list: ZipEntryInfo[] = [];
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_SIG)
      throw new ImportFileError('not a readable .xlsx workbook (damaged zip directory)');
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLen = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLen));
    if (size === 0xffffffff || size > limits.maxEntryBytes)
      throw new ImportFileError(
        `${name} would expand to ${sizeText(size)} (at most ${sizeText(limits.maxEntryBytes)} per part)`,
      );
    if (size > 1 * MB && size / Math.max(1, compressed) > limits.maxRatio)
      throw new ImportFileError(
        `${name} is compressed ${Math.round(size / Math.max(1, compressed))}× — far more than a real sheet; refused as a zip bomb`,
      );
    total += size;
    if (total > limits.maxTotalBytes)
      throw new ImportFileError(
        `the workbook would expand to more than ${limits.maxTotalBytes / MB} MB; refused as too large`,
      );
    list.push({
      name,
      method: view.getUint16(at + 10, true),
      compressed,
      size,
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLen + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return list;
}

/**
 * Inflates each entry with its declared size as the hard output cap (zlib's maxOutputLength, in the
 * thread pool, so the event loop stays free): a directory that understates a part is caught here
 * with at most the declared bytes in memory.
 */
export async function verifyZipSizes(bytes: Uint8Array, entries: ZipEntryInfo[]): Promise<void> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of entries) {
    const at = e.localOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_SIG)
      throw new ImportFileError('not a readable .xlsx workbook (damaged zip entry)');
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = bytes.subarray(start, start + e.compressed);
    if (e.method === 0) {
      if (e.compressed !== e.size) throw new ImportFileError(`${e.name}: damaged zip entry`);
      continue;
    }
    if (e.method !== 8)
      throw new ImportFileError(
        `${e.name} uses zip compression method ${e.method}; save the workbook again in Excel`,
      );
    try {
      await inflateRawAsync(data, { maxOutputLength: Math.max(1, e.size) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError)
        throw new ImportFileError(
          `${e.name} expands beyond the ${sizeText(e.size)} its zip directory declares; refused as a zip bomb`,
        );
      throw new ImportFileError(`not a readable .xlsx workbook (${e.name}: ${(err as Error).message})`);
    }
  }
}

/** The worker script: the built sibling when bundled, else the TypeScript source (tsx, vitest). */
export function xlsxWorkerFile(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'xlsx-worker.js');
  return existsSync(built) ? built : join(here, 'xlsx-worker.ts');
}

/** The first sheet's data rows keyed by the header row, with their sheet row numbers. */
export async function readXlsxRecords(
  bytes: Uint8Array,
  limits: XlsxLimits = DEFAULT_XLSX_LIMITS,
): Promise<{ rec: Record<string, string>; line: number }[]> {
  await verifyZipSizes(bytes, inspectZip(bytes, limits));
  const input: XlsxWorkerInput = { bytes, maxRows: limits.maxRows, maxCells: limits.maxCells };
  const out = await new Promise<XlsxWorkerOutput>((resolve, reject) => {
    const worker = new Worker(xlsxWorkerFile(), {
      workerData: input,
      resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb, maxYoungGenerationSizeMb: 64 },
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new ImportFileError(
              `reading the workbook took longer than ${limits.timeoutMs / 1000} s; refused`,
            ),
          ),
        ),
      limits.timeoutMs,
    );
    worker.on('message', (msg: XlsxWorkerOutput) => finish(() => resolve(msg)));
    worker.on('error', (err: Error & { code?: string }) =>
      finish(() =>
        reject(
          new ImportFileError(
            err.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? `the workbook expands beyond ${limits.workerHeapMb} MB in memory; refused as a zip bomb or far too large`
              : `not a readable .xlsx workbook: ${err.message}`,
          ),
        ),
      ),
    );
    worker.on('exit', (code) =>
      finish(() => reject(new ImportFileError(`the workbook reader stopped (exit ${code})`))),
    );
  });
  if (!out.ok) throw new ImportFileError(out.reason);
  return out.records;
}
