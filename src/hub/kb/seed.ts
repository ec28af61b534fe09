// Reads the knowledge seed: Markdown files with a small front-matter block (see resources/kb-seed/README.md).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KbTierSchema } from '../../shared/domain';
import type { KbDocInput } from '../store/types';

export const DEFAULT_KB_SEED_DIR = fileURLToPath(new URL('../../../resources/kb-seed/', import.meta.url));

/**
 * Parses one seed file:
 *   ---
 *   id: policy-7day-return
 *   tier: general
 *   title: 7天无理由退货
 *   tags: [退货, 售后]
 *   ---
 *   Markdown body …
 */
export function parseKbMarkdown(text: string, file = '(inline)'): KbDocInput {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) throw new Error(`${file}: missing front-matter (--- … ---)`);
  const meta: Record<string, string> = {};
  for (const line of m[1]!.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const kv = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (!kv) throw new Error(`${file}: bad front-matter line "${line}"`);
    meta[kv[1]!] = kv[2]!.trim();
  }
  const unquote = (v: string) => v.replace(/^(['"])(.*)\1$/, '$2');
  const id = unquote(meta.id ?? '');
  const title = unquote(meta.title ?? '');
  const tier = KbTierSchema.safeParse(unquote(meta.tier ?? ''));
  if (!/^[a-z0-9][a-z0-9._-]{0,127}$/.test(id))
    throw new Error(`${file}: id must be lower-case ascii (a-z 0-9 . _ -), got "${id}"`);
  if (!tier.success) throw new Error(`${file}: tier must be general | industry | merchant`);
  if (!title) throw new Error(`${file}: title is required`);
  const rawTags = meta.tags ?? '[]';
  const inner = /^\[(.*)\]$/.exec(rawTags);
  const tags = (inner ? inner[1]! : rawTags)
    .split(/[,，]/)
    .map((t) => unquote(t.trim()))
    .filter(Boolean);
  const body = m[2]!.trim();
  if (!body) throw new Error(`${file}: empty body`);
  return { id, tier: tier.data, title, tags, body };
}

export function loadKbSeed(dir = DEFAULT_KB_SEED_DIR): KbDocInput[] {
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.md') && !/(^|[/\\])README\.md$/i.test(f))
    .sort();
  const docs = files.map((f) => parseKbMarkdown(readFileSync(join(dir, f), 'utf8'), f));
  const seen = new Set<string>();
  for (const d of docs) {
    if (seen.has(d.id)) throw new Error(`kb seed: duplicate id ${d.id}`);
    seen.add(d.id);
  }
  return docs;
}
