// The scenario simulator: customers and AI agents on the far side of the hub. It escalates tickets at a
// configurable rate, answers agents' replies in character, lets AI agents act (sometimes contradicting
// each other, so conflicts really happen), converts orders after marketing, and edits knowledge now and then.
// Reproducible: every random choice comes from a seeded Rng.
import type { Logger } from 'pino';
import type { Intent, Message, Recommendation, Suggestion } from '../../shared/domain';
import { INTENTS } from '../../shared/intents';
import type { HubCore } from '../core';
import type { TicketHead } from '../store/types';
import { TicketFactory, type GeneratedTicket } from './factory';
import { customerAnswer, nudge } from './replies';
import { Rng } from './prng';

export interface SimulatorOptions {
  seed?: number;
  /** New escalations per MINUTE (default 4). 0 = only on demand / first-ticket. */
  rate?: number;
  /** Stop escalating while this many tickets wait in the queue (default 30). */
  maxQueued?: number;
  /** Customer think time before answering an agent, ms (default 1500–4000). */
  replyDelayMs?: [number, number];
  /** Chance a customer buys after a coupon/product card (default 0.35). */
  conversionChance?: number;
  /** Delay before late AI actions on an assigned ticket, ms (default 4000–15000). */
  lateActionDelayMs?: [number, number];
  /** Publish a knowledge edit every N seconds (default 120; 0 = never). */
  kbEditEverySec?: number;
  /** Customer nudges ("在吗？") after this long without an agent reply, ms (default 45000; 0 = never). */
  nudgeAfterMs?: number;
  /** Escalate one ticket this long after an agent comes online with nothing to do (default 800 ms). */
  firstTicketDelayMs?: number;
  media?: boolean;
  intents?: Intent[];
}

interface LiveTicket {
  gen: GeneratedTicket;
  intent: Intent;
  turns: number;
  replied: boolean;
  closed: boolean;
}

export class Simulator {
  readonly factory: TicketFactory;
  private readonly rng: Rng;
  private readonly opts: Required<Omit<SimulatorOptions, 'intents'>> & { intents?: Intent[] };
  private readonly live = new Map<string, LiveTicket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private tick: NodeJS.Timeout | undefined;
  private kbTick: NodeJS.Timeout | undefined;
  private running = false;
  private lastEscalation = 0;
  readonly stats = { escalated: 0, customerMessages: 0, aiActions: 0, conversions: 0, kbEdits: 0 };
  private readonly listeners: Array<() => void> = [];

  constructor(
    private readonly core: HubCore,
    options: SimulatorOptions = {},
    private readonly log?: Logger,
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
      slaFor: (p) => core.slaFor(p),
      ...(this.opts.intents ? { intents: this.opts.intents } : {}),
    });
  }

  /** Continues the seeded sequence after tickets a previous run (same seed, same database) escalated. */
  async resume(): Promise<void> {
    this.factory.resumeAfter(await this.core.store.maxTicketIndex(this.factory.idPrefix));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const onOnline = (userId: string) => this.onOnline(userId);
    const onReply = (head: TicketHead, m: Message) => this.onReply(head, m);
    const onAssigned = (ticketId: string) => this.onAssigned(ticketId);
    const onClosed = (ticketId: string) => this.onClosed(ticketId);
    this.core.on('online', onOnline);
    this.core.on('reply', onReply);
    this.core.on('assigned', onAssigned);
    this.core.on('closed', onClosed);
    this.listeners.push(
      () => this.core.off('online', onOnline),
      () => this.core.off('reply', onReply),
      () => this.core.off('assigned', onAssigned),
      () => this.core.off('closed', onClosed),
    );
    if (this.opts.rate > 0) {
      const every = 60_000 / this.opts.rate;
      this.tick = setInterval(() => void this.maybeEscalate(), every);
      this.tick.unref();
    }
    if (this.opts.kbEditEverySec > 0) {
      this.kbTick = setInterval(
        () => void this.editKnowledge().catch((e: unknown) => this.log?.warn({ err: e }, 'kb edit failed')),
        this.opts.kbEditEverySec * 1000,
      );
      this.kbTick.unref();
    }
  }

  stop(): void {
    this.running = false;
    if (this.tick) clearInterval(this.tick);
    if (this.kbTick) clearInterval(this.kbTick);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const off of this.listeners.splice(0)) off();
  }

  private later(ms: number, fn: () => Promise<unknown> | void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.running) return;
      Promise.resolve()
        .then(fn)
        .catch((e: unknown) => this.log?.warn({ err: e }, 'simulator step failed'));
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  private async maybeEscalate(): Promise<void> {
    const { queued } = await this.core.teamView();
    if (queued >= this.opts.maxQueued) return;
    await this.escalateOne();
  }

  /** Creates and escalates one ticket now. */
  async escalateOne(intent?: Intent): Promise<{ ticketId: string; assignedTo: string | null }> {
    let gen = this.factory.next(Date.now(), intent);
    // A hub restarted on the same database continues the scenario instead of replaying ticket ids.
    while (await this.core.store.getTicket(gen.ticket.id)) gen = this.factory.next(Date.now(), intent);
    this.lastEscalation = Date.now();
    this.live.set(gen.ticket.id, { gen, intent: gen.ticket.intent, turns: 0, replied: false, closed: false });
    this.stats.escalated++;
    return this.core.escalate(gen.ticket);
  }

  private onOnline(userId: string): void {
    const u = this.core.getUser(userId);
    if (!u || u.role !== 'agent' || this.core.loadOf(userId) > 0) return;
    // A demo user should see work at once: escalate soon after an agent shows up, unless one just came in.
    if (Date.now() - this.lastEscalation < 1500) return;
    this.lastEscalation = Date.now();
    this.later(this.opts.firstTicketDelayMs, () => this.escalateOne());
  }

  private onAssigned(ticketId: string): void {
    const lt = this.live.get(ticketId);
    if (!lt) return;
    const r = lt.gen.rng;
    for (const a of lt.gen.lateActions.splice(0)) {
      this.later(r.int(...this.opts.lateActionDelayMs), async () => {
        this.stats.aiActions++;
        await this.core.aiAction(ticketId, a);
      });
    }
    if (r.chance(0.3)) {
      this.later(r.int(2000, 6000), () =>
        this.core.assist(ticketId, this.extraSuggestion(lt), this.extraRecommendation(lt)),
      );
    }
    if (this.opts.nudgeAfterMs > 0) {
      this.later(this.opts.nudgeAfterMs, async () => {
        if (!lt.replied && !lt.closed) {
          this.stats.customerMessages++;
          await this.core.customerMessage(ticketId, nudge(r));
        }
      });
    }
  }

  private extraSuggestion(lt: LiveTicket): Suggestion[] {
    const t = lt.gen.ticket;
    return [
      {
        id: `${t.id}_s_late${lt.gen.rng.hex(4)}`,
        text: `您好，关于您的${INTENTS[lt.intent].zh}问题，我这边已经在加急处理，稍后同步结果给您。`,
        source: 'upstream_ai',
        score: 0.62,
        reason: '上游AI根据最新会话重新生成',
      },
    ];
  }

  private extraRecommendation(lt: LiveTicket): Recommendation[] {
    return lt.gen.ticket.recommendations
      .slice(0, 1)
      .map((r) => ({ ...r, id: `${r.id}_late`, score: Math.min(1, r.score + 0.05) }));
  }

  private onReply(head: TicketHead, m: Message): void {
    const lt = this.live.get(head.id);
    if (!lt || lt.closed) return;
    lt.replied = true;
    const r = lt.gen.rng;
    const [lo, hi] = this.opts.replyDelayMs;
    const turn = lt.turns++;
    this.later(r.int(lo, hi), async () => {
      if (lt.closed) return;
      this.stats.customerMessages++;
      await this.core.customerMessage(head.id, customerAnswer(lt.gen, lt.intent, turn, m, this.opts.media));
    });
    if ((m.kind === 'coupon_card' || m.kind === 'product_card') && r.chance(this.opts.conversionChance)) {
      const rec = lt.gen.ticket.recommendations.find((x) =>
        m.kind === 'coupon_card' ? x.kind === 'coupon' : x.kind === 'product',
      );
      const base = m.kind === 'product_card' ? m.product.price : lt.gen.ctx.product.price;
      const amount = Math.round(base * r.int(1, 2) * 100) / 100;
      const orderId = `${r.int(1, 4)}${r.digits(17)}`;
      this.later(r.int(lo * 2, hi * 3), async () => {
        this.stats.conversions++;
        await this.core.convertOrder(head.id, orderId, rec?.id, amount);
      });
    }
  }

  private onClosed(ticketId: string): void {
    const lt = this.live.get(ticketId);
    if (lt) lt.closed = true;
    this.live.delete(ticketId);
  }

  /** Edits one knowledge document (a dated notice appended) and publishes it as a new version. */
  async editKnowledge(): Promise<number> {
    const { docs } = await this.core.store.kbSince(0);
    if (!docs.length) return this.core.store.kbVersion();
    const sorted = docs.sort((a, b) => (a.id < b.id ? -1 : 1));
    const doc = this.rng.pick(sorted);
    const notes = [
      '近期大促期间，审核时效可能延长 1-2 个工作日。',
      '自本周起，偏远地区（新疆、西藏、青海、内蒙古部分地区）发货时效顺延 2 天。',
      '该规则已同步至所有合作店铺，请坐席以最新版本为准。',
      '补充：客户提供的凭证以订单详情页截图为准。',
    ];
    const stamp = new Date().toISOString().slice(0, 10);
    const body = `${doc.body.replace(/\n\n> 更新（[^）]*）：[^\n]*$/u, '')}\n\n> 更新（${stamp}）：${this.rng.pick(notes)}`;
    const { version } = await this.core.publishKbNow([
      { id: doc.id, tier: doc.tier, title: doc.title, tags: doc.tags, body },
    ]);
    this.stats.kbEdits++;
    return version;
  }
}

export { TicketFactory } from './factory';
