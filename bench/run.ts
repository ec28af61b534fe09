// `npm run bench [-- section …]`: runs each benchmark section (each measures the product side by side
// with a baseline in the same process) and writes bench/results/<section>.json plus summary.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

type Section = { name: string; module: string; fn: string };

const SECTIONS: Section[] = [
  { name: 'hub', module: './hub', fn: 'runHubBench' },
  { name: 'flood', module: './flood', fn: 'runFloodBench' },
  { name: 'knowledge', module: './knowledge', fn: 'runKnowledgeBench' },
  { name: 'assist', module: './assist', fn: 'runAssistBench' },
  { name: 'ui', module: './ui', fn: 'runUiBench' },
  { name: 'integration', module: './integration', fn: 'runIntegrationBench' },
];

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const chosen = wanted.length ? SECTIONS.filter((s) => wanted.includes(s.name)) : SECTIONS;
const resultsDir = join(import.meta.dirname, 'results');
mkdirSync(resultsDir, { recursive: true });

const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30) };
const summary: string[] = [`# Benchmark results`, ``, `Machine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}`, ``];
const failures = new Map<string, string>();
let failed = 0;

for (const section of chosen) {
  const started = Date.now();
  process.stderr.write(`\n== ${section.name} ==\n`);
  try {
    const mod = (await import(section.module)) as Record<string, (() => Promise<Record<string, unknown>>) | undefined>;
    const run = mod[section.fn];
    if (!run) throw new Error(`${section.module} does not export ${section.fn}`);
    const result = await run();
    const record = { section: section.name, at: new Date().toISOString(), machine, seconds: (Date.now() - started) / 1000, ...result };
    writeFileSync(join(resultsDir, `${section.name}.json`), `${JSON.stringify(record, null, 2)}\n`);
    process.stderr.write(`${tableOf(result)}\n`);
  } catch (err) {
    failed++;
    failures.set(section.name, err instanceof Error ? err.message : String(err));
    process.stderr.write(`section ${section.name} failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  }
}

// The summary covers every section with a result on disk, so running one section keeps the others.
for (const section of SECTIONS) {
  const file = join(resultsDir, `${section.name}.json`);
  const failure = failures.get(section.name);
  if (failure) summary.push(`## ${section.name}`, '', `failed: ${failure}`, '');
  else if (existsSync(file)) {
    const record = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    summary.push(`## ${section.name}`, '', `Measured ${String(record['at'])}.`, '', tableOf(record), '');
  }
}
writeFileSync(join(resultsDir, 'summary.md'), `${summary.join('\n')}\n`);
function tableOf(result: Record<string, unknown>): string {
  return typeof result['table'] === 'string' ? result['table'] : '```\n' + JSON.stringify(result, null, 2) + '\n```';
}

console.log(`bench: ${chosen.length - failed} sections written to bench/results/ (${failed} failed)`);
process.exit(failed ? 1 : 0);
