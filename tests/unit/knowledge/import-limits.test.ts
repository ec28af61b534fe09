// Files that used to crash or stall the core: a GBK/GB18030 CSV from Chinese Excel, a zip bomb that
// declares its size honestly and one whose directory lies, more rows than any FAQ has — and a little
// fuzzing so no byte sequence makes the importers throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/main/core/knowledge/import-encoding';
import { MAX_IMPORT_ROWS, parseImport } from '../../../src/main/core/knowledge/importers';
import { buildZip, sheetRows, workbookEntries } from '../../support/zip';

/** GB18030 bytes of `text` (Node has no GB encoder: the two-byte table is read back from its decoder). */
function gb18030(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (!table.has(ch)) table.set(ch, [hi, lo]);
    }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error(`no GB18030 two-byte code for ${ch}`);
      out.push(...pair);
    }
  }
  return new Uint8Array(out);
}

/** `mb` megabytes of spaces inside a sheet: compresses about 1000:1. */
function* padding(mb: number): Iterable<Buffer> {
  yield Buffer.from(
    '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  );
  const chunk = Buffer.alloc(1 << 20, 0x20);
  for (let i = 0; i < mb; i++) yield chunk;
  yield Buffer.from('</sheetData></worksheet>');
}

describe('import encodings', () => {
  const csv =
    '标题,内容,标签\r\n退货运费谁出,质量问题由本店承担运费,售后\r\n发票怎么开,下单时填写抬头即可,发票\r\n';

  it('reads a GB18030 (GBK) CSV from Chinese Excel and names the encoding', async () => {
    const bytes = gb18030(csv);
    // the bug: decoded as UTF-8 the header turned into replacement characters
    expect(new TextDecoder('utf-8').decode(bytes)).not.toContain('标题');
    const r = await parseImport('店铺FAQ.csv', bytes);
    expect(r.encoding).toBe('gb18030');
    expect(r.errors).toMatchObject([]);
    expect(r.docs.map((d) => d.doc.title)).toEqual(['退货运费谁出', '发票怎么开']);
    expect(r.docs[0]!.doc.body).toBe('质量问题由本店承担运费');
  });

  it('honours a UTF-8 or UTF-16 BOM and takes valid UTF-8 as UTF-8', () => {
    const utf8 = new TextEncoder().encode(csv);
    expect(decodeText(utf8)).toEqual({ text: csv, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text: csv, encoding: 'utf-8' });
    const le = Buffer.from(`\uFEFF${csv}`, 'utf16le');
    expect(decodeText(le)).toEqual({ text: csv, encoding: 'utf-16le' });
    const be = Buffer.from(le).swap16();
    expect(decodeText(be)).toEqual({ text: csv, encoding: 'utf-16be' });
  });

  it('says once that the header has no title column instead of failing every row', async () => {
    const r = await parseImport('x.csv', new TextEncoder().encode('名字,说明\na,b\nc,d\n'));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.reason).toMatch(/header row has no title column \(found: 名字, 说明\)/);
  });
});

describe('import caps', () => {
  it('refuses a zip bomb from its directory before inflating anything', async () => {
    const bomb = await buildZip(workbookEntries(() => padding(400)));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const r = await parseImport('bomb.xlsx', bomb);
    expect(r.docs).toEqual([]);
    expect(r.errors).toMatchObject([{ line: 1, reason: expect.stringMatching(/would expand to 400 MB/) }]);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
  });

  it('catches a directory that understates a part, with no more than the declared bytes inflated', async () => {
    const liar = await buildZip(workbookEntries(() => padding(200), 4096));
    const r = await parseImport('liar.xlsx', liar);
    expect(r.docs).toEqual([]);
    expect(r.errors[0]!.reason).toMatch(/expands beyond .* zip directory declares; refused as a zip bomb/);
  });

  it('reads an honest generated workbook', async () => {
    const ok = await buildZip(workbookEntries(() => sheetRows(3)));
    const r = await parseImport('ok.xlsx', ok);
    expect(r.errors).toMatchObject([]);
    expect(r.docs.map((d) => [d.line, d.doc.title])).toEqual([
      [2, '问题2'],
      [3, '问题3'],
      [4, '问题4'],
    ]);
  });

  it('refuses more rows than any FAQ has, whole and with the reason', async () => {
    const lines = ['title,body'];
    for (let i = 0; i <= MAX_IMPORT_ROWS; i++) lines.push(`q${i},a${i}`);
    const r = await parseImport('huge.csv', new TextEncoder().encode(lines.join('\n')));
    expect(r.docs).toEqual([]);
    expect(r.errors).toMatchObject([
      { line: 1, reason: expect.stringMatching(/more than 50000 in one file/) },
    ]);
  });
});

describe('import fuzz (bounded)', () => {
  const names = ['f.csv', 'f.json', 'f.jsonl', 'f.md', 'f.xlsx'];
  it('never throws on arbitrary bytes, and every error names a line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.uint8Array({ maxLength: 2048 }), async (name, bytes) => {
        const r = await parseImport(name, bytes);
        for (const e of r.errors) expect(e.line).toBeGreaterThanOrEqual(1);
        expect(r.docs.length).toBeLessThanOrEqual(r.totalRows);
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on mangled zips (truncated, bit-flipped)', async () => {
    const good = await buildZip(workbookEntries(() => sheetRows(5)));
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: good.length }),
        fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 1, max: 255 })), {
          maxLength: 8,
        }),
        async (cut, flips) => {
          const bytes = new Uint8Array(good.subarray(0, Math.max(cut, 1)));
          for (const [at, x] of flips) if (at < bytes.length) bytes[at]! ^= x;
          const r = await parseImport('m.xlsx', bytes);
          expect(Array.isArray(r.errors)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });
});
