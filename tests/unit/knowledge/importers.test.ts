// Merchant file import: bad rows reported with line numbers and reasons, good rows kept.
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseImport } from '../../../src/main/core/knowledge/importers';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures', 'knowledge');
const read = (f: string) => new Uint8Array(readFileSync(join(FIX, f)));

describe('merchant file import parsing', () => {
  it('CSV: keeps good rows (incl. a quoted multi-line cell) and reports bad ones by file line', async () => {
    const r = await parseImport('broken.csv', read('broken.csv'));
    expect(r.docs.map((d) => [d.line, d.doc.title])).toEqual([
      [2, '退货地址'],
      [4, '多行答案'],
    ]);
    expect(r.docs[1]!.doc.body).toContain('第二行');
    expect(r.docs[0]!.doc).toMatchObject({ tier: 'merchant', tags: ['退货', '本店'] });
    expect(r.errors.map((e) => e.line)).toEqual([3, 6, 7]);
    expect(r.errors[0]!.reason).toMatch(/missing title/);
    expect(r.errors[1]!.reason).toMatch(/missing body/);
    expect(r.errors[2]!.reason).toMatch(/quote/i);
    expect(r.totalRows).toBe(5);
  });

  it('JSONL: invalid JSON and missing fields are reported per line', async () => {
    const r = await parseImport('broken.jsonl', read('broken.jsonl'));
    expect(r.docs.map((d) => d.line)).toEqual([1, 4]);
    expect(r.docs[1]!.doc).toMatchObject({
      title: '可以开专票吗',
      body: '可以，请提供税号。',
      tags: ['发票'],
    });
    expect(r.errors).toMatchObject([
      { line: 2, reason: expect.stringMatching(/missing body/) },
      { line: 3, reason: expect.stringMatching(/not valid JSON/) },
    ]);
  });

  it('JSON array: errors carry the line where the element starts', async () => {
    const text =
      '[\n  {"title": "a", "body": "正文"},\n  {"title": ""},\n  {\n    "title": "b",\n    "body": "内容"\n  }\n]';
    const r = await parseImport('x.json', new TextEncoder().encode(text));
    expect(r.docs.map((d) => d.line)).toEqual([2, 4]);
    expect(r.errors).toMatchObject([{ line: 3, reason: expect.stringMatching(/missing title/) }]);
    const bad = await parseImport('y.json', new TextEncoder().encode('{"docs": ['));
    expect(bad.docs).toEqual([]);
    expect(bad.errors[0]!.reason).toMatch(/not valid JSON/);
  });

  it('Markdown: one doc per heading, empty sections reported', async () => {
    const r = await parseImport('faq.md', read('faq.md'));
    expect(r.docs.map((d) => [d.line, d.doc.title])).toEqual([
      [1, '本店营业时间'],
      [5, '会员积分'],
    ]);
    expect(r.errors).toMatchObject([{ line: 9, reason: expect.stringMatching(/missing body/) }]);
  });

  it('XLSX: Chinese headers, bad rows by row number', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('FAQ');
    ws.addRow(['问题', '答案', '标签']);
    ws.addRow(['包邮吗', '全场满99包邮，偏远地区除外。', '运费,本店']);
    ws.addRow(['', '没有问题的行', '']);
    ws.addRow(['支持花呗吗', '支持花呗分期，3期免息。', '支付']);
    const buf = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await parseImport('faq.xlsx', buf);
    expect(r.docs.map((d) => [d.line, d.doc.title, d.doc.tags])).toEqual([
      [2, '包邮吗', ['运费', '本店']],
      [4, '支持花呗吗', ['支付']],
    ]);
    expect(r.errors).toMatchObject([{ line: 3, reason: expect.stringMatching(/missing title/) }]);
    const junk = await parseImport('junk.xlsx', new TextEncoder().encode('not a zip'));
    expect(junk.errors[0]!.reason).toMatch(/not a readable \.xlsx/);
  });

  it('refuses unknown file types with a clear message', async () => {
    await expect(parseImport('faq.pdf', new Uint8Array([1]))).rejects.toThrow(/unsupported file type/);
  });
});
