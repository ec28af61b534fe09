// Prints the top-3 suggestions for simulator tickets of several intents, as an agent would read them:
// the conversation, each suggestion with its source, score and reason, and the candidates left out
// because they contradict the ticket's facts or the policy. Real knowledge base (the seed), real model
// (XIAOER_MODEL or the default), real engine and guard; an in-memory database.
//   npx tsx scripts/suggest-sample.ts [intent,intent,…] [seed]
import { readFileSync } from 'node:fs';
import { loadKbSeed } from '../src/hub/kb/seed';
import { TicketFactory } from '../src/simulator/factory';
import { AssistStore } from '../src/main/core/assist/assist-store';
import { AssistEngine } from '../src/main/core/assist/engine';
import { DEFAULT_CONFLICT_RULES_PATH } from '../src/main/core/assist/feature';
import { loadMacros } from '../src/main/core/assist/macros';
import { openDatabase } from '../src/main/core/db/database';
import { loadPolicy } from '../src/main/core/guard/policy';
import { KnowledgeService } from '../src/main/core/knowledge/index';
import { modelSpecFrom } from '../src/main/core/knowledge/model';
import { TicketStore } from '../src/main/core/tickets/ticket-store';
import { ConflictRulesFileSchema } from '../src/shared/conflict-rules';
import type { Intent, Message } from '../src/shared/domain';

const DEFAULT_INTENTS =
  'return_request,address_change,size_advice,tracking,fake_goods,damaged_package,product_inquiry,refund_progress,order_cancel,price_protection';
const intents = (process.argv[2] ?? DEFAULT_INTENTS).split(',') as Intent[];
const seed = Number(process.argv[3] ?? 11);

const db = openDatabase(':memory:');
const kb = new KnowledgeService(db, { model: modelSpecFrom(process.env['XIAOER_MODEL'], '.cache/models') });
const docs = loadKbSeed().map((d, i) => ({ ...d, version: 1, updatedAt: 1_700_000_000_000 + i }));
await kb.syncFrom(async () => ({ version: 1, docs, deletedIds: [] }));
await kb.whenIndexed();
await kb.modelReady().catch((err: Error) => console.log(`(no embedding model: ${err.message})`));
const tickets = new TicketStore(db);
const rules = ConflictRulesFileSchema.parse(JSON.parse(readFileSync(DEFAULT_CONFLICT_RULES_PATH, 'utf8')));
const engine = new AssistEngine({
  store: new AssistStore(db),
  tickets,
  macros: loadMacros(),
  policy: loadPolicy(),
  knowledge: () => kb,
  embed: () => kb.readyEmbed(),
  rules,
  agentName: () => '小美',
  knowledgeBudgetMs: 2000, // a sample, not the live path: let the knowledge answers in
});

const said = (m: Message) =>
  m.kind === 'text'
    ? m.text
    : m.kind === 'voice'
      ? m.transcript
      : m.kind === 'image'
        ? `[图片] ${m.caption ?? ''}`
        : m.kind === 'system'
          ? m.text
          : `[${m.kind}]`;

const factory = new TicketFactory(seed, { media: true });
for (const intent of intents) {
  const t = factory.next(Date.now(), intent).ticket;
  tickets.upsertTicket(t);
  const r = await engine.suggest(t.id, 3);
  console.log(`\n=== ${intent} · 转人工原因：${t.escalationReason}`);
  for (const m of t.messages) console.log(`  [${m.from}] ${said(m)}`);
  for (const s of r.suggestions)
    console.log(`  → (${s.source} ${s.score.toFixed(2)}) ${s.text}\n       ${s.reason.slice(0, 160)}`);
  for (const n of r.notes) console.log(`  注：${n}`);
}
await kb.close();
db.close();
