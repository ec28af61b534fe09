// Outcomes (once per idempotency key), conversions, and the per-(agent, intent) resolution counters
// routing ranks by, kept by the same commit that stores the outcome.
import type { Intent, Outcome } from '../../../shared/domain';
import { aggregate } from '../aggregate';
import type { Metrics, ResolutionStat } from '../types';
import type { RedisTx } from './unit';

export class RedisFeedback {
  constructor(private readonly tx: RedisTx) {}
  private get k() {
    return this.tx.k;
  }

  insertOutcome(o: Outcome): Promise<boolean> {
    return this.tx.write(async () => {
      if ((await this.tx.hget(this.k.outcomes, o.idempotencyKey)) !== null) return false;
      this.tx.requireFreeField(this.k.outcomes, o.idempotencyKey);
      this.tx.hset(this.k.outcomes, { [o.idempotencyKey]: JSON.stringify(o) });
      this.tx.zadd(this.k.outcomesOf(o.ticketId), o.closedAt, o.idempotencyKey);
      const stat = `${o.agentId}\u0001${o.intent}`;
      this.tx.hincr(this.k.resolvedTotal, stat, 1);
      this.tx.hincr(this.k.resolved, stat, o.resolution === 'resolved' ? 1 : 0);
      return true;
    });
  }

  async metrics(intent?: Intent): Promise<Metrics> {
    const all = (await this.tx.client.hVals(this.k.outcomes)).map((v) => JSON.parse(v) as Outcome);
    return aggregate(intent ? all.filter((o) => o.intent === intent) : all);
  }

  async latestOutcome(ticketId: string): Promise<Outcome | undefined> {
    const [key] = await this.tx.client.zRange(this.k.outcomesOf(ticketId), 0, 0, { REV: true });
    if (!key) return undefined;
    const v = await this.tx.hget(this.k.outcomes, key);
    return v ? (JSON.parse(v) as Outcome) : undefined;
  }

  async resolutionStats(): Promise<ResolutionStat[]> {
    const [total, resolved] = await Promise.all([
      this.tx.client.hGetAll(this.k.resolvedTotal),
      this.tx.client.hGetAll(this.k.resolved),
    ]);
    return Object.entries(total as Record<string, string>).map(([stat, n]) => {
      const [agentId, intent] = stat.split('\u0001') as [string, Intent];
      return {
        agentId,
        intent,
        total: Number(n),
        resolved: Number((resolved as Record<string, string>)[stat] ?? 0),
      };
    });
  }

  recordConversion(
    ticketId: string,
    orderId: string,
    recommendationId: string | null,
    amount: number,
    at: number,
  ): Promise<void> {
    return this.tx.write(() =>
      this.tx.hsetnx(
        this.k.conversions,
        `${ticketId}\u0001${orderId}`,
        JSON.stringify({ ticketId, orderId, recommendationId, amount, at }),
      ),
    );
  }
}
