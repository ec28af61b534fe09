// Reads the first worksheet of an .xlsx in its own thread, so a workbook that expands far beyond its
// size (a zip bomb whose directory lies) can only exhaust this thread's capped heap, never the core.
// Self-contained on purpose (only exceljs): it is started by path, from source or from the bundle.
import ExcelJS from 'exceljs';
import { parentPort, workerData } from 'node:worker_threads';

export interface XlsxWorkerInput {
  bytes: Uint8Array;
  maxRows: number;
  maxCells: number;
}

export type XlsxWorkerOutput =
  { ok: true; records: { rec: Record<string, string>; line: number }[] } | { ok: false; reason: string };

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

async function read(input: XlsxWorkerInput): Promise<XlsxWorkerOutput> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(input.bytes as unknown as ArrayBuffer);
  } catch (err) {
    return { ok: false, reason: `not a readable .xlsx workbook: ${(err as Error).message}` };
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return { ok: false, reason: 'workbook has no worksheet' };
  if (sheet.rowCount > input.maxRows + 1)
    return { ok: false, reason: `more than ${input.maxRows} rows (${sheet.rowCount}); split the file` };
  const header: string[] = [];
  sheet
    .getRow(1)
    .eachCell({ includeEmpty: true }, (cell, col) => (header[col] = cellText(cell.value).trim()));
  const records: { rec: Record<string, string>; line: number }[] = [];
  let cells = 0;
  let tooMany = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1 || tooMany) return;
    const rec: Record<string, string> = {};
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells++;
      const key = header[col];
      if (key) rec[key] = cellText(cell.value);
    });
    if (cells > input.maxCells) tooMany = true;
    else if (Object.values(rec).some((v) => v.trim())) records.push({ rec, line: rowNumber });
  });
  if (tooMany) return { ok: false, reason: `more than ${input.maxCells} cells; split the file` };
  return { ok: true, records };
}

if (parentPort) {
  const port = parentPort;
  read(workerData as XlsxWorkerInput).then(
    (out) => port.postMessage(out),
    (err: unknown) => port.postMessage({ ok: false, reason: String((err as Error)?.message ?? err) }),
  );
}
