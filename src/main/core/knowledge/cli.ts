// Knowledge CLI (npm run kb -- <command>):
//   import FILE                 import a merchant file (csv/json/jsonl/md/xlsx) into the local KB
//   search "QUERY" [--tier t] [--tag x] [--limit n]   (a query longer than 500 characters is cut)
//   stats
//   eval [kb|suggestions|ecd]   the quality measurements side by side (default: all three):
//                               knowledge retrieval on colloquial questions (--questions F, dev; and
//                               --heldout F|none, held-out), --misses prints each miss, --explain
//                               why (score components of what ranked above each dev answer), and
//                               the manifest's relevance calibration checked (dev, held-out,
//                               resources/eval/kb-offtopic.json); top-3
//                               suggestions on simulator tickets, ECD reply ranking (--file F, default
//                               ../shared/data/ecd-valid.txt when present; --pool 10 --seeds 4 for the
//                               padded proxy); --json PATH writes the figures
// Options: --db PATH (default ./.data/knowledge.db or $XIAOER_DATA_DIR/knowledge.db),
//          --model ID-OR-DIR (default: the built-in model), --no-model (keyword only).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { KbTierSchema } from '../../../shared/domain';
import { openDatabaseSafely } from '../db/recovery';
import { runEvaluation, type EvalSection } from './eval-run';
import { KnowledgeService, type KbProgress } from './index';
import { modelSpecFrom } from './model';
import { MAX_QUERY_CHARS, clampQuery } from './segmenter';

function parseArgs(argv: string[]): { positional: string[]; flags: Map<string, string[]> } {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      const value = inline ?? (argv[i + 1] && !argv[i + 1]!.startsWith('--') ? argv[++i]! : 'true');
      flags.set(name, [...(flags.get(name) ?? []), value]);
    } else positional.push(a);
  }
  return { positional, flags };
}

function defaultDataDir(): string {
  if (process.env.XIAOER_DATA_DIR) return process.env.XIAOER_DATA_DIR;
  // A checkout keeps its data next to it (./.data is git-ignored); elsewhere use the home folder.
  return existsSync(resolve('package.json')) ? resolve('.data') : join(homedir(), '.xiaoer-desk');
}

function progressLine(p: KbProgress): void {
  if (!process.stderr.isTTY) return;
  const text =
    p.phase === 'model'
      ? `model ${p.file} ${p.total ? Math.round((100 * p.loaded) / p.total) : 0}%`
      : `${p.phase} ${p.done}/${p.total}`;
  process.stderr.write(`\r${text.padEnd(60)}`);
}

/**
 * A process whose command line passes ~16 KB segfaults while onnxruntime loads the embedding model
 * (measured: a pasted 8,000-character query, 24 KB of UTF-8; fine at 12 KB). Such a query goes to a
 * fresh process of this CLI over stdin, so the command line that loads the model stays short.
 */
const SAFE_ARGV_BYTES = 4096;

function searchInChildProcess(query: string, argv: string[]): number {
  const rest = argv.filter((a) => a !== query);
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1]!, ...rest, '--query-stdin'],
    {
      input: query,
      stdio: ['pipe', 'inherit', 'inherit'],
    },
  );
  return child.status ?? 1;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const { positional, flags } = parseArgs(argv);
  const flag = (n: string) => flags.get(n)?.at(-1);
  const [command, positionalArg] = positional;
  const arg = flag('query-stdin') ? readFileSync(0, 'utf8') : positionalArg;
  if (
    command === 'search' &&
    arg &&
    !flag('query-stdin') &&
    Buffer.byteLength(argv.join(' ')) > SAFE_ARGV_BYTES
  )
    return searchInChildProcess(arg, argv);
  const dataDir = defaultDataDir();
  const modelSpec = flag('no-model')
    ? null
    : modelSpecFrom(flag('model'), join(dataDir, 'models'), flag('remote-host'));

  if (command === 'eval') {
    // eval [kb|suggestions|ecd]: one section, or all three.
    const sections = (arg ? [arg] : ['kb', 'suggestions', 'ecd']) as EvalSection[];
    if (sections.some((x) => !['kb', 'suggestions', 'ecd'].includes(x))) {
      console.error(`eval: unknown section ${arg} (kb, suggestions or ecd)`);
      return 2;
    }
    const file = flag('file');
    if (file && !existsSync(file)) {
      console.error(`eval: file not found: ${file}`);
      return 2;
    }
    await runEvaluation({
      sections,
      model: modelSpec,
      ...(file ? { ecdFile: file } : {}),
      ...(flag('questions') ? { questionsFile: flag('questions') } : {}),
      ...(flag('heldout') ? { heldoutFile: flag('heldout') === 'none' ? null : flag('heldout') } : {}),
      ...(flag('misses') ? { misses: true } : {}),
      ...(flag('explain') ? { explain: true } : {}),
      ...(flag('pool') ? { pool: Number(flag('pool')) } : {}),
      ...(flag('seeds') ? { seeds: Number(flag('seeds')) } : {}),
      ...(flag('json') ? { json: flag('json') } : {}),
    });
    return 0;
  }

  const dbPath = resolve(flag('db') ?? join(dataDir, 'knowledge.db'));
  const { db, recovery } = openDatabaseSafely(dbPath, { synchronous: 'NORMAL' });
  if (recovery)
    console.error(
      `note: ${dbPath} was damaged (${recovery.reason}); moved to ${recovery.movedTo} and started afresh — import your files again`,
    );
  const svc = new KnowledgeService(db, { model: modelSpec, onProgress: progressLine });
  try {
    if (command === 'import') {
      if (!arg) throw new Error('usage: kb import FILE');
      const report = await svc.importFile(resolve(arg));
      await svc.whenIndexed();
      if (process.stderr.isTTY) process.stderr.write('\n');
      console.log(
        `${report.file}: ${report.imported} imported, ${report.unchanged} unchanged, ${report.errors.length} rejected of ${report.totalRows} rows` +
          (report.encoding ? ` (read as ${report.encoding})` : ''),
      );
      for (const e of report.errors) console.log(`  line ${e.line}: ${e.reason}`);
      const model = svc.stats().model;
      if (model.error) console.log(`note: ${model.error} (keyword search works; vectors later)`);
      return report.errors.length && !report.imported ? 1 : 0;
    }
    if (command === 'search') {
      if (!arg) throw new Error('usage: kb search "QUERY"');
      await svc.modelReady().catch(() => {});
      await svc.whenIndexed();
      const tiers = (flags.get('tier') ?? []).map((t) => KbTierSchema.parse(t));
      if (clampQuery(arg) !== arg)
        console.log(`note: the query is longer than ${MAX_QUERY_CHARS} characters; searching its start`);
      const res = await svc.search(arg, {
        tiers,
        tags: flags.get('tag') ?? [],
        limit: Number(flag('limit') ?? 5),
      });
      console.log(
        `${res.hits.length} hits, ${res.mode}${res.degraded ? ` (${res.degraded})` : ''}, ${res.tookMs.toFixed(1)} ms`,
      );
      if (svc.stats().docs === 0) {
        console.log(
          'the knowledge base in this --db is empty: import a file first, e.g. npm run kb -- import resources/kb-seed/general/faq-account-security.md',
        );
      }
      for (const h of res.hits) {
        let marked = '';
        let at = 0;
        for (const r of h.highlights) {
          marked += `${h.snippet.slice(at, r.start)}[${h.snippet.slice(r.start, r.end)}]`;
          at = r.end;
        }
        marked += h.snippet.slice(at);
        console.log(
          `${h.score.toFixed(3)}  [${h.tier}] ${h.title}  (${h.docId}, ${h.matchedBy.join('+')}${h.relevance === null ? '' : `, answers it: ${Math.round(h.relevance * 100)}%`})\n       ${marked}`,
        );
      }
      return 0;
    }
    if (command === 'stats') {
      await svc.modelReady().catch(() => {});
      console.log(JSON.stringify({ db: dbPath, ...svc.stats() }, null, 2));
      return 0;
    }
    console.error(
      'usage: npm run kb -- import FILE | search "QUERY" | stats | eval [kb|suggestions|ecd] [--file F] [--questions F] [--heldout F|none] [--misses]   [--db PATH] [--model ID|DIR] [--no-model]',
    );
    return 2;
  } finally {
    await svc.close();
    db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
