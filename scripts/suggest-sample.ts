// Prints the top-3 suggestions for simulator tickets, as an agent reads them: the conversation, each
// suggestion with its source, score and reason, and the candidates left out because they contradict the
// ticket's facts or the policy. The evaluation's tickets and engine (knowledge/eval-suggestions.ts:
// the seed knowledge base, the real model, macros, conflict rules), so what is read here is what
// `npm run kb -- eval suggestions` counts. For grading suggestions by hand (README, "Suggestions").
//   npx tsx scripts/suggest-sample.ts [--intents a,b] [--per-intent N] [--follow-up] [--no-model]
//   --follow-up: every ticket also after one agent turn (its first upstream suggestion sent) and the
//                simulated customer's answer, the conversation an agent has a minute later.
import { parseArgs } from 'node:util';
import { openEvalEngine } from '../src/main/core/knowledge/eval-suggestions';
import { EVAL_NOW, evalConversations, withFollowUp } from '../src/main/core/knowledge/eval-tickets';
import { defaultModelDir } from '../src/main/core/knowledge/model';
import type { Message, Ticket } from '../src/shared/domain';

const { values } = parseArgs({
  options: {
    intents: { type: 'string' },
    'per-intent': { type: 'string', default: '4' },
    'follow-up': { type: 'boolean', default: false },
    'no-model': { type: 'boolean', default: false },
  },
});
const only = values.intents ? new Set(values.intents.split(',')) : null;
const tickets: Ticket[] = evalConversations(Number(values['per-intent']))
  .filter((g) => !only || only.has(g.ticket.intent))
  .flatMap((g) => (values['follow-up'] ? [g.ticket, withFollowUp(g)] : [g.ticket]));

const said = (m: Message) =>
  m.kind === 'text'
    ? m.text
    : m.kind === 'voice'
      ? `[语音] ${m.transcript}`
      : m.kind === 'image'
        ? `[图片] ${m.caption ?? ''}`
        : m.kind === 'system'
          ? m.text
          : `[${m.kind}]`;

const {
  engine,
  tickets: store,
  forget,
  judge: makeJudge,
  close,
} = await openEvalEngine(
  values['no-model'] ? null : { source: { kind: 'local', dir: defaultModelDir() } },
  EVAL_NOW,
);
try {
  const judge = await makeJudge();
  let n = 0;
  for (const t of tickets) {
    forget();
    store.upsertTicket(t);
    const r = await engine.suggest(t.id, 3);
    const products = t.orders.map((o) => o.items.map((i) => i.title).join('、')).join(' / ');
    console.log(
      `\n=== #${++n} ${t.intent} · ${t.id} · 转人工原因：${t.escalationReason} · 订单：${products}`,
    );
    for (const m of t.messages) console.log(`  [${m.from}] ${said(m)}`);
    if (!r.suggestions.length) console.log('  → (没有建议)');
    for (const s of r.suggestions) {
      const topics = judge ? (await judge.ranking(s.text)).slice(0, 3).join(',') : '';
      const auto = judge
        ? topics.split(',').includes(t.intent)
          ? ' [on-topic]'
          : ` [off-topic: ${topics}]`
        : '';
      console.log(
        `  → (${s.source} ${s.score.toFixed(2)}) ${s.text}${auto}\n       ${s.reason.slice(0, 160)}`,
      );
    }
    for (const note of r.notes) console.log(`  注：${note}`);
  }
} finally {
  await close();
}
