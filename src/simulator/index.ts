// The scenario simulator: customers and AI agents on the platform side of the hub, talking to it only
// through the integration API — escalations and events in over HTTP, the agent's replies, hand-offs and
// closes back as signed webhooks to a receiver it runs on loopback. It escalates at a configurable rate,
// answers agents in character, lets AI agents act (sometimes contradicting each other, so conflicts
// really happen), converts orders after marketing, reports every agent message delivered, and edits
// knowledge now and then. Reproducible: every random choice comes from a seeded Rng.
import type { Logger } from 'pino';
import { IntegrationClient, startWebhookReceiver, type WebhookReceiver } from '../integration-client';
import type { Intent, MessageBody, Recommendation, Suggestion } from '../shared/domain';
import type { InboundEvent, WebhookEvent } from '../shared/integration-api';
import { INTENTS } from '../shared/intents';
import { toAiAction, toEscalation } from './escalation';
import { TicketFactory, type GeneratedTicket } from './factory';
import { Rng } from './prng';
import { customerAnswer, nudge } from './replies';

export interface SimulatorOptions {
  seed?: number;
  /** New escalations per MINUTE (default 4). 0 = only on demand (and the first ticket). */
  rate?: number;
  /** Stop escalating while this many of its conversations wait for an agent (default 30). */
  maxQueued?: number;
  /** Customer think time before answering an agent, ms (default 1500–4000). */
  replyDelayMs?: [number, number];
  /** Chance a customer buys after a coupon/product card (default 0.35). */
  conversionChance?: number;
  /** Delay before late AI actions once an agent took the conversation, ms (default 4000–15000). */
  lateActionDelayMs?: [number, number];
  /** Publish a knowledge edit every N seconds (default 120; 0 = never). */
  kbEditEverySec?: number;
  /** Customer nudges ("在吗？") after this long without an agent reply, ms (default 45000; 0 = never). */
  nudgeAfterMs?: number;
  /** Escalate one ticket this long after start, so a demo user sees work at once (default 800; -1 = no). */
  firstTicketDelayMs?: number;
  media?: boolean;
  intents?: Intent[];
}

export interface SimulatorConnection {
  /** The hub, e.g. http://127.0.0.1:4300 */
  hubUrl: string;
  /** An integration key with the escalate, messages, actions, assist, conversions, knowledge and webhooks scopes. */
  apiKey: string;
  /** Port of the loopback webhook receiver (default: any free one). */
  webhookPort?: number;
  log?: Logger;
}

interface LiveConversation {
  gen: GeneratedTicket;
  intent: Intent;
  /** Next inbound event seq. */
  seq: number;
  turns: number;
  accepted: boolean;
  replied: boolean;
  closed: boolean;
  /** Events sent one request at a time, in seq order. */
  chain: Promise<unknown>;
}

export class Simulator {
  readonly factory: TicketFactory;
  readonly client: IntegrationClient;
  private readonly rng: Rng;
  private readonly opts: Required<Omit<SimulatorOptions, 'intents'>> & { intents?: Intent[] };
  private readonly live = new Map<string, LiveConversation>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private tick: NodeJS.Timeout | undefined;
  private kbTick: NodeJS.Timeout | undefined;
  private receiver: WebhookReceiver | undefined;
  private secret = '';
  private running = false;
  readonly stats = {
    escalated: 0,
    customerMessages: 0,
    aiActions: 0,
    conversions: 0,
    kbEdits: 0,
    webhooks: 0,
    failures: 0,
  };

  constructor(
    private readonly conn: SimulatorConnection,
    options: SimulatorOptions = {},
  ) {
    this.opts = {
      seed: options.seed ?? 1,
      rate: options.rate ?? 4,
      maxQueued: options.maxQueued ?? 30,
      replyDelayMs: options.replyDelayMs ?? [1500, 4000],
      conversionChance: options.conversionChance ?? 0.35,
      lateActionDelayMs: options.lateActionDelayMs ?? [4000, 15000],
      kbEditEverySec: options.kbEditEverySec ?? 120,
      nudgeAfterMs: options.nudgeAfterMs ?? 45_000,
      firstTicketDelayMs: options.firstTicketDelayMs ?? 800,
      media: options.media ?? true,
      ...(options.intents ? { intents: options.intents } : {}),
    };
    this.rng = new Rng(this.opts.seed).fork('behaviour');
    this.factory = new TicketFactory(this.opts.seed, {
      media: this.opts.media,
      ...(this.opts.intents ? { intents: this.opts.intents } : {}),
    });
    this.client = new IntegrationClient({ baseUrl: conn.hubUrl, apiKey: conn.apiKey });
  }

  /** Where the hub's webhooks arrive. */
  get webhookUrl(): string | undefined {
    return this.receiver?.url;
  }

  /** Starts the webhook receiver, registers it with the hub (replacing this integration's old endpoints), then the scenario. */
  async start(): Promise<void> {
    if (this.running) return;
    this.receiver = await startWebhookReceiver({
      port: this.conn.webhookPort ?? 0,
      secrets: () => [this.secret],
      onEvent: (e) => this.onWebhook(e),
      onRefused: (reason) => this.conn.log?.warn({ reason }, 'refused a webhook'),
    });
    const old = await this.client.listWebhooks();
    if (!old.ok) throw new Error(`the hub refused the simulator's key: ${old.error.message}`);
    for (const e of old.data.endpoints) await this.client.deleteWebhook(e.id);
    const made = await this.client.createWebhook(this.receiver.url);
    if (!made.ok) throw new Error(`cannot register the webhook receiver: ${made.error.message}`);
    this.secret = made.data.secret;
    this.running = true;
    if (this.opts.firstTicketDelayMs >= 0) this.later(this.opts.firstTicketDelayMs, () => this.escalateOne());
    if (this.opts.rate > 0) {
      this.tick = setInterval(() => void this.maybeEscalate(), 60_000 / this.opts.rate);
      this.tick.unref();
    }
    if (this.opts.kbEditEverySec > 0) {
      this.kbTick = setInterval(
        () => void this.editKnowledge().catch(() => undefined),
        this.opts.kbEditEverySec * 1000,
      );
      this.kbTick.unref();
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.tick) clearInterval(this.tick);
    if (this.kbTick) clearInterval(this.kbTick);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.receiver?.close();
    this.receiver = undefined;
  }

  private later(ms: number, fn: () => Promise<unknown> | void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.running) return;
      Promise.resolve()
        .then(fn)
        .catch((e: unknown) => {
          this.stats.failures++;
          this.conn.log?.warn({ err: e }, 'simulator step failed');
        });
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  private async maybeEscalate(): Promise<void> {
    const waiting = [...this.live.values()].filter((c) => !c.accepted && !c.closed).length;
    if (waiting >= this.opts.maxQueued) return;
    await this.escalateOne().catch((e: unknown) => {
      this.stats.failures++;
      this.conn.log?.warn({ err: e }, 'escalation failed');
    });
  }

  /**
   * Creates and escalates one ticket now. The generated ticket id is the Idempotency-Key, so a repeat
   * after a restart (same seed, same hub database) is recognised and the scenario moves on.
   */
  async escalateOne(intent?: Intent): Promise<{ ticketId: string; state: string }> {
    for (;;) {
      const gen = this.factory.next(Date.now(), intent);
      const r = await this.client.escalate(toEscalation(gen, this.opts.seed), gen.ticket.id);
      // replayed, or 409: this ticket's key was used by an earlier run (its body differs only in times)
      if (r.ok ? r.replayed : r.status === 409) continue;
      if (!r.ok) throw new Error(`escalation refused (${r.status}): ${r.error.message}`);
      this.stats.escalated++;
      this.live.set(r.data.conversationId, {
        gen,
        intent: gen.ticket.intent,
        seq: 1,
        turns: 0,
        accepted: false,
        replied: false,
        closed: false,
        chain: Promise.resolve(),
      });
      return { ticketId: r.data.conversationId, state: r.data.state };
    }
  }

  /** Sends one event for the conversation, after the ones before it (seq order). */
  private send(id: string, make: (seq: number) => InboundEvent): Promise<void> {
    const c = this.live.get(id);
    if (!c) return Promise.resolve();
    const seq = c.seq++;
    const ev = make(seq);
    const run = c.chain.then(async () => {
      for (let attempt = 0; ; attempt++) {
        const r = await this.client.sendEvents(id, [ev]);
        if (r.ok) return;
        // the hub is down or busy: the same event id again later (deduplicated if it did arrive)
        if ((r.status === 0 || r.status === 429 || r.status >= 500) && attempt < 20 && this.running) {
          await new Promise((res) => setTimeout(res, Math.min(10_000, 250 * 2 ** attempt)));
          continue;
        }
        throw new Error(`event ${ev.type} refused (${r.status}): ${r.error.message}`);
      }
    });
    c.chain = run.catch(() => undefined);
    return run;
  }

  private customerSays(id: string, message: MessageBody): Promise<void> {
    this.stats.customerMessages++;
    return this.send(id, (seq) => ({ eventId: `${id}:${seq}`, seq, type: 'customer.message', message }));
  }

  private onWebhook(e: WebhookEvent): void {
    this.stats.webhooks++;
    const c = this.live.get(e.conversationId);
    if (!c) return;
    switch (e.type) {
      case 'handoff.accepted':
        if (!c.accepted) this.onAccepted(e.conversationId, c);
        c.accepted = true;
        break;
      case 'agent.message':
        this.later(0, () =>
          this.client.reportDelivery(e.conversationId, { messageId: e.data.messageId, status: 'delivered' }),
        );
        this.onAgentMessage(e.conversationId, c, e.data.content);
        break;
      case 'conversation.closed':
      case 'control.released':
        c.closed = true;
        this.live.delete(e.conversationId);
        break;
      default:
        break;
    }
  }

  private onAccepted(id: string, c: LiveConversation): void {
    const r = c.gen.rng;
    for (const a of c.gen.lateActions.splice(0)) {
      this.later(r.int(...this.opts.lateActionDelayMs), async () => {
        if (c.closed) return;
        this.stats.aiActions++;
        await this.send(id, (seq) => ({
          eventId: `${id}:${seq}`,
          seq,
          type: 'ai.action',
          action: toAiAction(a),
        }));
      });
    }
    if (r.chance(0.3)) {
      this.later(r.int(2000, 6000), () =>
        this.send(id, (seq) => ({
          eventId: `${id}:${seq}`,
          seq,
          type: 'assist.update',
          suggestions: this.extraSuggestion(c).map(({ source: _s, ...s }) => s),
          recommendations: this.extraRecommendation(c).map(({ source: _s, ...x }) => x),
        })),
      );
    }
    if (this.opts.nudgeAfterMs > 0) {
      this.later(this.opts.nudgeAfterMs, async () => {
        if (!c.replied && !c.closed) await this.customerSays(id, nudge(r));
      });
    }
  }

  private extraSuggestion(c: LiveConversation): Suggestion[] {
    const t = c.gen.ticket;
    return [
      {
        id: `${t.id}_s_late${c.gen.rng.hex(4)}`,
        text: `您好，关于您的${INTENTS[c.intent].zh}问题，我这边已经在加急处理，稍后同步结果给您。`,
        source: 'upstream_ai',
        score: 0.62,
        reason: '上游AI根据最新会话重新生成',
      },
    ];
  }

  private extraRecommendation(c: LiveConversation): Recommendation[] {
    return c.gen.ticket.recommendations
      .slice(0, 1)
      .map((r) => ({ ...r, id: `${r.id}_late`, score: Math.min(1, r.score + 0.05) }));
  }

  private onAgentMessage(
    id: string,
    c: LiveConversation,
    content: Extract<WebhookEvent, { type: 'agent.message' }>['data']['content'],
  ): void {
    if (c.closed) return;
    c.replied = true;
    const r = c.gen.rng;
    const [lo, hi] = this.opts.replyDelayMs;
    const turn = c.turns++;
    const kind = content.kind === 'coupon' ? 'coupon_card' : content.kind;
    this.later(r.int(lo, hi), async () => {
      if (c.closed) return;
      await this.customerSays(id, customerAnswer(c.gen, c.intent, turn, { kind }, this.opts.media));
    });
    if ((kind === 'coupon_card' || kind === 'product_card') && r.chance(this.opts.conversionChance)) {
      const rec = c.gen.ticket.recommendations.find((x) =>
        kind === 'coupon_card' ? x.kind === 'coupon' : x.kind === 'product',
      );
      const base = content.kind === 'product_card' ? content.product.price : c.gen.ctx.product.price;
      const amount = Math.round(base * r.int(1, 2) * 100) / 100;
      const orderId = `${r.int(1, 4)}${r.digits(17)}`;
      this.later(r.int(lo * 2, hi * 3), async () => {
        this.stats.conversions++;
        await this.send(id, (seq) => ({
          eventId: `${id}:${seq}`,
          seq,
          type: 'order.converted',
          orderId,
          ...(rec ? { recommendationId: rec.id } : {}),
          amount,
        }));
      });
    }
  }

  /** Edits one knowledge document (a dated notice appended) and publishes it as a new version. */
  async editKnowledge(): Promise<number> {
    const list = await this.client.listKnowledge(0);
    if (!list.ok) throw new Error(`knowledge list refused: ${list.error.message}`);
    const docs = list.data.docs;
    if (!docs.length) return list.data.version;
    const doc = this.rng.pick([...docs].sort((a, b) => (a.id < b.id ? -1 : 1)));
    const notes = [
      '近期大促期间，审核时效可能延长 1-2 个工作日。',
      '自本周起，偏远地区（新疆、西藏、青海、内蒙古部分地区）发货时效顺延 2 天。',
      '该规则已同步至所有合作店铺，请坐席以最新版本为准。',
      '补充：客户提供的凭证以订单详情页截图为准。',
    ];
    const stamp = new Date().toISOString().slice(0, 10);
    const body = `${doc.body.replace(/\n\n> 更新（[^）]*）：[^\n]*$/u, '')}\n\n> 更新（${stamp}）：${this.rng.pick(notes)}`;
    const r = await this.client.publishKnowledge({
      upsert: [{ id: doc.id, tier: doc.tier, title: doc.title, tags: doc.tags, body }],
    });
    if (!r.ok) throw new Error(`knowledge publish refused: ${r.error.message}`);
    this.stats.kbEdits++;
    return r.data.version;
  }
}

export { TicketFactory } from './factory';
export const SIMULATOR_SCOPES = [
  'escalate',
  'messages',
  'actions',
  'assist',
  'conversions',
  'knowledge',
  'webhooks',
] as const;
