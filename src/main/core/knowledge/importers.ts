// Parsing merchant knowledge files (CSV, JSON/JSONL, Markdown, XLSX) into documents.
// A bad row never sinks the file: it is reported with its line (row) number and reason, and every
// good row is kept. Column names are matched loosely, in English or Chinese (标题/问题, 内容/答案, 标签).
import Papa from 'papaparse';
import { createHash } from 'node:crypto';
import type { CoreText } from '../../../shared/core-texts';
import { KbDocSchema, type KbDoc } from '../../../shared/domain';
import { decodeText, type TextEncodingName } from './import-encoding';
import { DEFAULT_XLSX_LIMITS, ImportFileError, readXlsxRecords, type XlsxLimits } from './xlsx-reader';

export { ImportFileError } from './xlsx-reader';

export interface ImportRowError {
  line: number;
  /** Why, in English (the command line, and older clients). */
  reason: string;
  /** Why, as a code the renderer words in the reader's language. */
  text?: CoreText;
}

const detail = (s: string) => s.slice(0, 300);

export interface ParsedImport {
  docs: { doc: KbDoc; line: number }[];
  errors: ImportRowError[];
  totalRows: number;
  /** How the file's text was decoded; null for a workbook (its XML says so itself). */
  encoding?: TextEncodingName | null;
}

/** More rows than any merchant FAQ has: a bigger file is refused whole with a reason, not half-read. */
export const MAX_IMPORT_ROWS = 50_000;

function fileError(reason: string, text: CoreText): ParsedImport {
  return { docs: [], errors: [{ line: 1, reason, text }], totalRows: 0 };
}

export type ImportFormat = 'csv' | 'json' | 'jsonl' | 'md' | 'xlsx';

export function formatOf(name: string): ImportFormat | null {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  if (ext === 'json') return 'json';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  if (ext === 'md' || ext === 'markdown') return 'md';
  if (ext === 'xlsx') return 'xlsx';
  return null;
}

const TITLE_KEYS = ['title', 'question', 'q', '标题', '问题', '名称'];
const BODY_KEYS = ['body', 'content', 'answer', 'a', 'text', '内容', '答案', '回复', '正文'];
const TAG_KEYS = ['tags', 'tag', 'category', '标签', '分类'];
const ID_KEYS = ['id', 'key', '编号'];

function pick(rec: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const [k, v] of Object.entries(rec)) if (keys.includes(k.trim().toLowerCase())) return v;
  return undefined;
}

function toTags(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  if (v === undefined || v === null) return [];
  return String(v)
    .split(/[,，;；|、]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Stable id for imported docs, so importing the same file again updates instead of duplicating. */
function importId(sourceName: string, explicit: unknown, title: string): string {
  const key =
    explicit !== undefined && explicit !== null && String(explicit).trim() ? String(explicit).trim() : title;
  return `import:${createHash('sha256').update(`${sourceName}\u241f${key}`).digest('hex').slice(0, 20)}`;
}

/** Turns one loosely-shaped record into a validated merchant KbDoc, or says why it cannot be. */
export function recordToDoc(
  rec: Record<string, unknown>,
  sourceName: string,
  now: number,
): { doc: KbDoc } | { reason: string; text: CoreText } {
  const title = pick(rec, TITLE_KEYS);
  const body = pick(rec, BODY_KEYS);
  const titleText = typeof title === 'string' || typeof title === 'number' ? String(title).trim() : '';
  const bodyText = typeof body === 'string' || typeof body === 'number' ? String(body).trim() : '';
  if (!titleText)
    return {
      reason: 'missing title (column title/question/标题/问题)',
      text: { code: 'import.missing_title', params: {} },
    };
  if (!bodyText)
    return {
      reason: 'missing body (column body/content/answer/内容/答案)',
      text: { code: 'import.missing_body', params: {} },
    };
  const candidate = {
    id: importId(sourceName, pick(rec, ID_KEYS), titleText),
    tier: 'merchant' as const,
    title: titleText,
    body: bodyText,
    tags: toTags(pick(rec, TAG_KEYS)),
    version: 0,
    updatedAt: now,
  };
  const parsed = KbDocSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'row';
    const message = issue?.message ?? 'invalid';
    return {
      reason: `${field}: ${message}`,
      text: { code: 'import.invalid_field', params: { field: field.slice(0, 64), detail: detail(message) } },
    };
  }
  return { doc: parsed.data };
}

function collect(
  records: { rec: unknown; line: number }[],
  sourceName: string,
  now: number,
  errors: ImportRowError[],
): ParsedImport {
  const docs: ParsedImport['docs'] = [];
  const totalRows = records.length + errors.length;
  if (totalRows > MAX_IMPORT_ROWS)
    return fileError(
      `${totalRows} rows: more than ${MAX_IMPORT_ROWS} in one file; split it and import the parts`,
      { code: 'import.too_many_rows', params: { rows: totalRows, max: MAX_IMPORT_ROWS } },
    );
  for (const { rec, line } of records) {
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
      errors.push({ line, reason: 'not an object', text: { code: 'import.not_object', params: {} } });
      continue;
    }
    const r = recordToDoc(rec as Record<string, unknown>, sourceName, now);
    if ('doc' in r) docs.push({ doc: r.doc, line });
    else errors.push({ line, reason: r.reason, text: r.text });
  }
  errors.sort((a, b) => a.line - b.line);
  return { docs, errors, totalRows };
}

export function parseCsv(text: string, sourceName: string, now = Date.now()): ParsedImport {
  const src = text.replace(/^\uFEFF/, '');
  // Papa's cursor is the offset just past each parsed row; the row starts where the previous ended.
  // Counting newlines up to that start gives true file line numbers even with quoted multi-line cells.
  const newlineOffsets: number[] = [];
  for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) newlineOffsets.push(i);
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = newlineOffsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlineOffsets[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  // A header without any title/body column fails every row alike: say it once, about the header.
  const header = (Papa.parse<string[]>(src, { preview: 1 }).data[0] ?? []).map((h) => h.trim());
  const has = (keys: readonly string[]) => header.some((h) => keys.includes(h.toLowerCase()));
  if (!has(TITLE_KEYS) || !has(BODY_KEYS))
    return fileError(
      `the header row has no ${has(TITLE_KEYS) ? 'body' : 'title'} column (found: ${header.slice(0, 8).join(', ').slice(0, 200) || 'nothing'}); ` +
        'name the columns 标题/问题 and 内容/答案 (or title and body)',
      {
        code: 'import.header_missing',
        params: {
          missing: has(TITLE_KEYS) ? 'body' : 'title',
          found: header.slice(0, 8).map((h) => h.slice(0, 64)),
        },
      },
    );
  const errors: ImportRowError[] = [];
  const records: { rec: unknown; line: number }[] = [];
  // The header row is consumed before the first step; data starts after its line.
  let prevCursor = src.indexOf('\n') + 1;
  Papa.parse<Record<string, string>>(src, {
    header: true,
    skipEmptyLines: 'greedy',
    step: (row) => {
      let start = prevCursor;
      while (start < src.length && (src[start] === '\n' || src[start] === '\r')) start++;
      prevCursor = row.meta.cursor;
      const line = lineAt(start);
      if (row.errors.length) {
        const why = row.errors.map((e) => e.message).join('; ');
        errors.push({ line, reason: why, text: { code: 'import.bad_row', params: { detail: detail(why) } } });
        return;
      }
      records.push({ rec: row.data, line });
    },
  });
  return collect(records, sourceName, now, errors);
}

/** Line number of each top-level element of a JSON array (a tiny scanner: depth + strings). */
function arrayElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inStr = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') line++;
    if (inStr) {
      if (ch === '\\') i++;
      else if (ch === '"') inStr = false;
      continue;
    }
    if (depth === 1 && expectElement && !/\s/.test(ch) && ch !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (ch === '"') inStr = true;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth === 1 && ch === '[') expectElement = true;
    } else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 1) expectElement = true;
  }
  return lines;
}

export function parseJson(text: string, sourceName: string, now = Date.now()): ParsedImport {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return {
      docs: [],
      errors: [
        {
          line: 1,
          reason: `not valid JSON: ${(err as Error).message}`,
          text: { code: 'import.invalid_json', params: { detail: detail((err as Error).message) } },
        },
      ],
      totalRows: 0,
    };
  }
  const list = Array.isArray(data)
    ? data
    : Array.isArray((data as { docs?: unknown })?.docs)
      ? (data as { docs: unknown[] }).docs
      : null;
  if (!list)
    return {
      docs: [],
      errors: [
        {
          line: 1,
          reason: 'expected an array of documents or { "docs": [...] }',
          text: { code: 'import.not_a_list', params: {} },
        },
      ],
      totalRows: 0,
    };
  // Element lines are exact for a top-level array; for { docs: [...] } they are approximate (index based).
  const lines = Array.isArray(data) ? arrayElementLines(text) : [];
  return collect(
    list.map((rec, i) => ({ rec, line: lines[i] ?? i + 1 })),
    sourceName,
    now,
    [],
  );
}

export function parseJsonl(text: string, sourceName: string, now = Date.now()): ParsedImport {
  const errors: ImportRowError[] = [];
  const records: { rec: unknown; line: number }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    try {
      records.push({ rec: JSON.parse(raw), line: i + 1 });
    } catch (err) {
      errors.push({
        line: i + 1,
        reason: `not valid JSON: ${(err as Error).message}`,
        text: { code: 'import.invalid_json', params: { detail: detail((err as Error).message) } },
      });
    }
  });
  return collect(records, sourceName, now, errors);
}

/**
 * Markdown: a file with front-matter (title/tags) is one document; otherwise every `#`/`##` heading
 * starts a document whose body runs to the next heading of the same or higher level.
 */
export function parseMarkdown(text: string, sourceName: string, now = Date.now()): ParsedImport {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const fm = /^---\n([\s\S]*?)\n---\n?/.exec(src);
  if (fm) {
    const meta: Record<string, unknown> = {};
    for (const l of fm[1]!.split('\n')) {
      const m = /^([\w\u4e00-\u9fff]+)\s*:\s*(.*)$/.exec(l);
      if (m)
        meta[m[1]!] = m[2]!
          .trim()
          .replace(/^\[(.*)\]$/, '$1')
          .replace(/^["']|["']$/g, '');
    }
    const body = src.slice(fm[0].length).trim();
    return collect([{ rec: { ...meta, body }, line: 1 }], sourceName, now, []);
  }
  const lines = src.split('\n');
  const records: { rec: unknown; line: number }[] = [];
  let current: { title: string; line: number; body: string[] } | null = null;
  const flush = () => {
    if (current)
      records.push({
        rec: { title: current.title, body: current.body.join('\n').trim() },
        line: current.line,
      });
  };
  lines.forEach((l, i) => {
    const h = /^#{1,2}\s+(.*)$/.exec(l);
    if (h) {
      flush();
      current = { title: h[1]!.trim(), line: i + 1, body: [] };
    } else if (current) current.body.push(l);
  });
  flush();
  if (!records.length)
    return {
      docs: [],
      errors: [
        {
          line: 1,
          reason: 'no "# " or "## " heading and no front-matter: nothing to import',
          text: { code: 'import.no_heading', params: {} },
        },
      ],
      totalRows: 0,
    };
  return collect(records, sourceName, now, []);
}

export async function parseXlsx(
  data: Uint8Array,
  sourceName: string,
  now = Date.now(),
  limits: XlsxLimits = DEFAULT_XLSX_LIMITS,
): Promise<ParsedImport> {
  try {
    return collect(await readXlsxRecords(data, limits), sourceName, now, []);
  } catch (err) {
    if (err instanceof ImportFileError)
      return fileError(err.message, { code: 'import.bad_file', params: { detail: detail(err.message) } });
    throw err;
  }
}

export async function parseImport(
  name: string,
  content: Uint8Array,
  now = Date.now(),
): Promise<ParsedImport> {
  const format = formatOf(name);
  if (!format) throw new Error(`unsupported file type: ${name} (use .csv, .json, .jsonl, .md or .xlsx)`);
  if (format === 'xlsx') return { ...(await parseXlsx(content, name, now)), encoding: null };
  const { text, encoding } = decodeText(content);
  const parse =
    format === 'csv'
      ? parseCsv
      : format === 'json'
        ? parseJson
        : format === 'jsonl'
          ? parseJsonl
          : parseMarkdown;
  return { ...parse(text, name, now), encoding };
}
