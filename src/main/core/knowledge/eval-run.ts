// `npm run kb -- eval`: the three quality measurements of issue 9, side by side in one run.
//  1. knowledge retrieval — colloquial buyer questions against the seed KB: keyword only, the old
//     128-d model (now a test fixture) and the default model (and --model, when given);
//  2. suggestions — simulator tickets through the assist engine: top-3 contradicting / guard-blocked;
//  3. ECD reply ranking — the corpus' own candidate pairs (headline) and padded pools (a proxy),
//     each beside the TF-IDF baseline of the same run.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resourcesDir } from '../resources';
import { Embedder } from './embedder';
import {
  averageMetrics,
  evaluateRanker,
  formatMetrics,
  padCandidates,
  parseEcd,
  tfidfBaseline,
  type EcdMetrics,
} from './eval-ecd';
import {
  DEFAULT_QUESTIONS_FILE,
  DEFAULT_SEED_DIR,
  HELDOUT_QUESTIONS_FILE,
  evaluateRetrievalSets,
  formatMiss,
  formatRetrieval,
  loadQuestions,
  type QuestionSet,
  seedFiles,
  type RetrievalRun,
  withSeedKnowledge,
} from './eval-kb';
import {
  OFF_TOPIC_FILE,
  checkCalibration,
  fitLogistic,
  formatCalibration,
  loadOffTopic,
  scoredHits,
} from './eval-calibration';
import { explainMisses } from './eval-explain';
import { PASSAGE_WEIGHT } from './fusion';
import { evaluateSuggestions, formatSuggestionEval, type SuggestionEvalResult } from './eval-suggestions';
import { EVAL_NOW, evalConversations, withFollowUp } from './eval-tickets';
import { calibratedRelevance } from './relevance';
import { describeModel, resolveModel, type ModelSpec } from './model';

export type EvalSection = 'kb' | 'suggestions' | 'ecd';

export interface EvalOptions {
  sections: readonly EvalSection[];
  /** The model under test (the shipped default unless --model); null = --no-model. */
  model: ModelSpec | null;
  questionsFile?: string;
  /** Held-out questions (default resources/eval/kb-questions-heldout.json); null = none. */
  heldoutFile?: string | null;
  /** Print every retrieval miss of the default model (rank, question, expected, top 3). */
  misses?: boolean;
  /** Error analysis of every dev miss: score components of the documents above the answer. */
  explain?: boolean;
  /** ECD-format file; default ../shared/data/ecd-valid.txt when it exists (the project never needs it). */
  ecdFile?: string;
  pool?: number;
  seeds?: number;
  ticketsPerIntent?: number;
  json?: string;
  print?: (line: string) => void;
}

export interface EcdReport {
  file: string;
  own: { tfidf: EcdMetrics; engine: EcdMetrics; withQueries: EcdMetrics | null };
  padded: {
    pool: number;
    seeds: number;
    tfidf: EcdMetrics;
    engine: EcdMetrics;
    withQueries: EcdMetrics | null;
  };
}

export interface EvalReport {
  retrieval: RetrievalRun[];
  /** As escalated, and after one exchange with the agent. */
  suggestions: SuggestionEvalResult[] | null;
  ecd: EcdReport | null;
}

/** The self-built 128-d model the project shipped before bge-small-zh (kept as a test fixture). */
export function oldModelDir(): string {
  return resolve(resourcesDir(), '..', 'tests', 'fixtures', 'models', 'xiaoer-zh-mini');
}

export function defaultEcdFile(): string {
  return resolve(resourcesDir(), '..', '..', 'shared', 'data', 'ecd-valid.txt');
}

const modelLabel = (spec: ModelSpec) => {
  const d = describeModel(spec);
  return d.split(/[\\/]/).filter(Boolean).at(-1) ?? d;
};

async function runEcd(
  file: string,
  model: ModelSpec | null,
  pool: number,
  seeds: number,
): Promise<EcdReport> {
  const parsed = parseEcd(readFileSync(file, 'utf8'));
  let embedder: Embedder | null = null;
  if (model) {
    embedder = new Embedder(model);
    await embedder.ready();
  }
  const e = embedder;
  // As the engine ranks: passage vectors for everything. With queries: the customer's turns get
  // the model's query instruction (KnowledgeService.readyEmbedQueries), candidates stay passages.
  const embed = e ? (t: string[]) => e.embedPassages(t) : undefined;
  const embedQueries = e ? (t: string[]) => Promise.all(t.map((x) => e.embedQuery(x))) : undefined;
  const both = async (sets: ReturnType<typeof parseEcd>[]) => {
    const engine: EcdMetrics[] = [];
    const withQ: EcdMetrics[] = [];
    for (const c of sets) {
      engine.push(await evaluateRanker(c, embed));
      if (embedQueries) withQ.push(await evaluateRanker(c, embed, { embedQueries }));
    }
    return {
      tfidf: averageMetrics(sets.map((c) => tfidfBaseline(c))),
      engine: averageMetrics(engine),
      withQueries: withQ.length ? averageMetrics(withQ) : null,
    };
  };
  try {
    const own = await both([parsed]);
    const padded = await both(Array.from({ length: seeds }, (_, i) => padCandidates(parsed, pool, i + 1)));
    return { file, own, padded: { pool, seeds, ...padded } };
  } finally {
    await embedder?.close();
  }
}

/** The manifest's relevance calibration checked on every set's top-3 hits and on off-topic questions. */
async function printCalibration(
  model: ModelSpec,
  sets: readonly QuestionSet[],
  print: (line: string) => void,
): Promise<void> {
  const fit = resolveModel(model).relevance;
  if (!fit) {
    print('== Relevance: the model has no calibration in its manifest; hits show no figure ==');
    return;
  }
  const offTopic = existsSync(OFF_TOPIC_FILE()) ? loadOffTopic() : [];
  await withSeedKnowledge(model, async (svc) => {
    print(
      `== Relevance shown in the knowledge panel: manifest slope ${fit.slope}, intercept ${fit.intercept}, on each set's top-3 hits ==`,
    );
    const scored = [];
    for (const s of sets) {
      const r = await scoredHits(svc, s.questions, s.name === 'dev' ? offTopic : []);
      scored.push({ name: s.name, ...r });
      print(formatCalibration(s.name, checkCalibration(r.labelled, fit)));
    }
    const off = scored.find((s) => s.name === 'dev')?.offTopic ?? [];
    if (off.length) {
      const top = Math.max(...off.map((h) => calibratedRelevance(h.score, fit)));
      print(
        `  off-topic (${offTopic.length} questions, ${off.length} hits): highest relevance ${top.toFixed(2)}`,
      );
      const dev = scored.find((s) => s.name === 'dev')!;
      const refit = fitLogistic([...dev.labelled, ...off]);
      print(
        `  a fit now on dev + off-topic would be slope ${refit.slope.toFixed(2)}, intercept ${refit.intercept.toFixed(2)}`,
      );
    }
  });
}

export async function runEvaluation(opts: EvalOptions): Promise<EvalReport> {
  const print = opts.print ?? ((l: string) => console.log(l));
  const report: EvalReport = { retrieval: [], suggestions: null, ecd: null };

  if (opts.sections.includes('kb')) {
    const file = opts.questionsFile ?? DEFAULT_QUESTIONS_FILE();
    const heldout = opts.heldoutFile === undefined ? HELDOUT_QUESTIONS_FILE() : opts.heldoutFile;
    const sets: QuestionSet[] = [{ name: 'dev', questions: loadQuestions(file) }];
    if (heldout && existsSync(heldout)) sets.push({ name: 'held-out', questions: loadQuestions(heldout) });
    print(
      `== Knowledge retrieval: colloquial buyer questions against the seed KB (${seedFiles(DEFAULT_SEED_DIR()).length} documents); an answering document in the top k ==`,
    );
    for (const s of sets)
      print(`  ${s.name}: ${s.questions.length} questions (${s.name === 'dev' ? file : heldout})`);
    const runs: [string, ModelSpec | null][] = [['keyword only', null]];
    if (existsSync(oldModelDir()))
      runs.push(['old model xiaoer-zh-mini', { source: { kind: 'local', dir: oldModelDir() } }]);
    if (opts.model) runs.push([`model ${modelLabel(opts.model)}`, opts.model]);
    for (const [label, spec] of runs) {
      const rs = await evaluateRetrievalSets(label, spec, sets);
      report.retrieval.push(...rs);
      for (const r of rs) print(formatRetrieval(r));
    }
    const last = report.retrieval.filter((r) => r.label === runs.at(-1)![0]);
    if (opts.misses)
      for (const r of last) {
        print(
          `-- misses of ${r.label} on ${r.set} (rank of the first answering document, - = not in the top 10):`,
        );
        for (const m of r.misses) print(formatMiss(m));
      }
    if (opts.model) await printCalibration(opts.model, sets, print);
    if (opts.explain && opts.model) {
      print(
        `-- why (dev): ✓ = an answering document; score = ${PASSAGE_WEIGHT} · P (best passage) + ${1 - PASSAGE_WEIGHT} · S (best sentence) + keyword bonus, exact cosines`,
      );
      await withSeedKnowledge(opts.model, (svc) => explainMisses(svc, sets[0]!.questions, print));
    }
  }

  if (opts.sections.includes('suggestions')) {
    const conversations = evalConversations(opts.ticketsPerIntent ?? 4);
    const escalated = conversations.map((g) => g.ticket);
    const intents = new Set(escalated.map((t) => t.intent)).size;
    print(
      `== Suggestions: ${escalated.length} simulator tickets (${intents} intents, seeds 9 and 19), top 3 of the assist engine; as escalated, and after one agent reply and the customer's answer ==`,
    );
    const label = opts.model ? `model ${modelLabel(opts.model)}` : 'keyword only';
    report.suggestions = [];
    for (const [set, tickets] of [
      ['as escalated', escalated],
      ['after one exchange', conversations.map((g) => withFollowUp(g))],
    ] as const) {
      const r = await evaluateSuggestions(`${label}, ${set}`, tickets, opts.model, EVAL_NOW);
      report.suggestions.push(r);
      for (const l of formatSuggestionEval(r)) print(l);
    }
  }

  if (opts.sections.includes('ecd')) {
    const file = opts.ecdFile ?? defaultEcdFile();
    if (!existsSync(file)) print(`== ECD reply ranking: skipped, no file ${file} (use --file F) ==`);
    else {
      const pool = opts.pool ?? 10;
      const seeds = opts.seeds ?? 4;
      const r = await runEcd(file, opts.model, pool, seeds);
      report.ecd = r;
      const own = r.own.engine;
      print(
        `== ECD reply ranking (${file}): ${own.conversations} conversations; the true reply's rank among the candidates ==`,
      );
      print(`headline — the corpus' own candidates (${own.candidatesPerConversation} per conversation):`);
      print(`  TF-IDF baseline              ${formatMetrics(r.own.tfidf)}`);
      print(`  ranker (as the engine calls it) ${formatMetrics(r.own.engine)}`);
      if (r.own.withQueries) print(`  ranker + query-side vectors  ${formatMetrics(r.own.withQueries)}`);
      print(
        `proxy — padded to ${pool} with other conversations' replies (random, easier negatives; seeds 1…${seeds} averaged):`,
      );
      print(`  TF-IDF baseline              ${formatMetrics(r.padded.tfidf)}`);
      print(`  ranker (as the engine calls it) ${formatMetrics(r.padded.engine)}`);
      if (r.padded.withQueries)
        print(`  ranker + query-side vectors  ${formatMetrics(r.padded.withQueries)}`);
    }
  }

  if (opts.json) {
    const slim = {
      ...report,
      retrieval: report.retrieval.map(({ misses, ...r }) => ({ ...r, misses: misses.length })),
    };
    writeFileSync(opts.json, JSON.stringify(slim, null, 2));
    print(`results written to ${join(opts.json)}`);
  }
  return report;
}
