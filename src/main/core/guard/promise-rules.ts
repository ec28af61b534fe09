// Promise phrases the pre-send guard catches from data, not code (resources/assist/promise-rules.json):
// delivery dates and times ("我们保证明天一定送到"), compensation multiples ("假一赔十"), guarantee
// language, and promises the knowledge base forbids (each rule cites the knowledge document it comes
// from, so the reason the agent reads names its source). Operators add a rule without a release; the
// file is validated on load (every pattern compiled) so a typo fails loudly with its path.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { GuardText } from '../../../shared/core-texts';
import { parseJsonFile } from '../marketing/catalog';
import { resourcePath } from '../resources';

/** A regex source that compiles (checked by the schema, so a bad pattern names its rule). */
const Pattern = z
  .string()
  .min(1)
  .max(1000)
  .refine(
    (p) => {
      try {
        new RegExp(p, 'u');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression' },
  );

export const PromiseRuleSchema = z
  .object({
    id: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z0-9-]+$/),
    /** What kind of promise, as the agent reads it in the warning's title. */
    title: z.string().min(1).max(100),
    /** high and medium stop the send (the agent may still send anyway); low only informs. */
    severity: z.enum(['low', 'medium', 'high']),
    /** Any pattern matching within one clause of the draft makes the promise. */
    match: z.array(Pattern).min(1).max(20),
    /** Words in the same clause that take the promise back ("不能保证", "预计"). */
    unless: z.array(Pattern).max(20).default([]),
    /** Why it must not be said, and what to say instead. */
    reason: z.string().min(1).max(300),
    /** The knowledge document the rule comes from, when it does. */
    source: z
      .object({
        doc: z.string().min(1).max(128),
        title: z.string().min(1).max(200),
        quote: z.string().min(1).max(500),
      })
      .optional(),
    /**
     * The same words in English (the warning is read in the agent's language, so a rule is never
     * Chinese-only): title, reason, and the source document's title and quote when there is a source.
     */
    en: z.object({
      title: z.string().min(1).max(100),
      reason: z.string().min(1).max(300),
      source: z.object({ title: z.string().min(1).max(200), quote: z.string().min(1).max(500) }).optional(),
    }),
  })
  .refine((r) => !r.source || !!r.en.source, {
    message: 'a rule with a source needs en.source (its title and quote in English)',
    path: ['en', 'source'],
  });
export type PromiseRule = z.infer<typeof PromiseRuleSchema>;

export const PromiseRulesFileSchema = z
  .object({ version: z.literal(1), rules: z.array(PromiseRuleSchema).min(1).max(200) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rules.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${r.id}"` });
      seen.add(r.id);
    });
  });
export type PromiseRulesFile = z.infer<typeof PromiseRulesFileSchema>;

export const DEFAULT_PROMISE_RULES_PATH = resourcePath('assist/promise-rules.json');

export function parsePromiseRules(text: string, path = '(inline)'): PromiseRulesFile {
  return parseJsonFile(PromiseRulesFileSchema, text, `promise rules ${path}`);
}

export function loadPromiseRules(path = DEFAULT_PROMISE_RULES_PATH): PromiseRulesFile {
  return parsePromiseRules(readFileSync(path, 'utf8'), path);
}

let shipped: PromiseRulesFile | undefined;
/** The rules shipped in resources/, read once. */
export function defaultPromiseRules(): PromiseRulesFile {
  shipped ??= loadPromiseRules();
  return shipped;
}

export interface PhraseHit {
  rule: PromiseRule;
  start: number;
  end: number;
  excerpt: string;
}

interface Compiled {
  rule: PromiseRule;
  match: RegExp[];
  unless: RegExp[];
}
const compiledCache = new WeakMap<PromiseRulesFile, Compiled[]>();
function compiled(file: PromiseRulesFile): Compiled[] {
  let c = compiledCache.get(file);
  if (!c) {
    c = file.rules.map((rule) => ({
      rule,
      match: rule.match.map((p) => new RegExp(p, 'u')),
      unless: rule.unless.map((p) => new RegExp(p, 'u')),
    }));
    compiledCache.set(file, c);
  }
  return c;
}

/**
 * The promises the rules find in a draft, clause by clause; where two rules match the same words the
 * earlier rule in the file (the more specific one) keeps them, so one phrase gives one warning.
 */
export function findPromisePhrases(draft: string, file: PromiseRulesFile): PhraseHit[] {
  const hits: PhraseHit[] = [];
  for (const c of draft.matchAll(/[^，。！？；,.!?;\n～~]+/g)) {
    const clause = c[0];
    if (!clause.trim()) continue;
    for (const { rule, match, unless } of compiled(file)) {
      if (unless.some((u) => u.test(clause))) continue;
      for (const re of match) {
        const m = clause.match(re);
        if (!m) continue;
        const start = c.index + (m.index ?? 0);
        const end = start + m[0].length;
        if (!hits.some((h) => h.start < end && start < h.end))
          hits.push({ rule, start, end, excerpt: clause.trim() });
        break;
      }
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** The reason the agent reads: what is wrong, and the knowledge it comes from. */
export function phraseReason(rule: PromiseRule): string {
  const source = rule.source ? `（知识库《${rule.source.title}》：${rule.source.quote}）` : '';
  return `${rule.title}：${rule.reason}${source}`.slice(0, 500);
}

/** The same reason as a code with both languages from the rule file. */
export function phraseText(rule: PromiseRule): GuardText {
  const { en } = rule;
  return {
    code: 'guard.promise',
    params: {
      ruleId: rule.id,
      title: { zh: rule.title, en: en.title },
      reason: { zh: rule.reason, en: en.reason },
      ...(rule.source && en.source
        ? {
            source: {
              title: { zh: rule.source.title, en: en.source.title },
              quote: { zh: rule.source.quote, en: en.source.quote },
            },
          }
        : {}),
    },
  };
}
