import { afterEach, describe, expect, it, vi } from 'vitest';
import { TicketFactory } from '../../../src/simulator/factory';
import { customerAnswer } from '../../../src/simulator/replies';
import { voiceClipWav, productPhotoSvg } from '../../../src/simulator/media';
import { Rng } from '../../../src/simulator/prng';
import { SCRIPTS } from '../../../src/simulator/scripts';
import { CATALOG } from '../../../src/simulator/data';
import { TicketSchema } from '../../../src/shared/domain';
import { INTENT_IDS } from '../../../src/shared/intents';

const NOW = 1_780_000_000_000;

afterEach(() => vi.restoreAllMocks());

describe('seeded simulator', () => {
  it('the same seed gives byte-identical tickets; another seed differs', () => {
    const a = new TicketFactory(42);
    const b = new TicketFactory(42);
    const c = new TicketFactory(43);
    for (let i = 0; i < 30; i++) {
      const ta = a.next(NOW + i);
      expect(JSON.stringify(ta.ticket)).toBe(JSON.stringify(b.next(NOW + i).ticket));
      if (i === 0) expect(JSON.stringify(ta.ticket)).not.toBe(JSON.stringify(c.next(NOW).ticket));
    }
  });

  it('never uses Math.random', () => {
    const spy = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    const f = new TicketFactory(7);
    for (let i = 0; i < 50; i++) {
      const g = f.next(NOW);
      customerAnswer(g, g.ticket.intent, 0, { kind: 'text' });
    }
    expect(spy).not.toHaveBeenCalled();
  });

  it('covers all 23 intents with schema-valid tickets, media included', () => {
    const f = new TicketFactory(3);
    const seen = new Set<string>();
    const kinds = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const { ticket } = f.next(NOW);
      seen.add(ticket.intent);
      for (const m of ticket.messages) kinds.add(m.kind);
      const parsed = TicketSchema.safeParse(ticket);
      if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues.slice(0, 3)));
    }
    expect([...seen].sort()).toEqual([...INTENT_IDS].sort());
    for (const k of ['text', 'image', 'voice', 'order_card', 'system']) expect(kinds).toContain(k);
    for (const intent of INTENT_IDS) expect(SCRIPTS[intent].openers.length).toBeGreaterThan(0);
  });

  it('produces contradictory AI actions often enough for conflicts to happen', () => {
    const f = new TicketFactory(5, {
      intents: ['refund_progress', 'return_request', 'quality_complaint', 'fake_goods'],
    });
    let contradictory = 0;
    for (let i = 0; i < 200; i++) {
      const types = f.next(NOW).ticket.aiActions.map((a) => a.type);
      if (
        (types.includes('refund_approve') && types.includes('refund_deny')) ||
        (types.includes('return_approve') && types.includes('return_deny'))
      )
        contradictory++;
    }
    expect(contradictory).toBeGreaterThan(10);
  });

  it('generates real media: an SVG image and a PCM WAV whose length matches durationSec', () => {
    const r = new Rng(1);
    const svg = Buffer.from(productPhotoSvg(r, '服装', '色差对比').split(',')[1]!, 'base64').toString();
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('色差对比');
    const { url, durationSec } = voiceClipWav(r, 1.5);
    const wav = Buffer.from(url.split(',')[1]!, 'base64');
    expect(wav.subarray(0, 4).toString()).toBe('RIFF');
    expect(wav.subarray(8, 12).toString()).toBe('WAVE');
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.readUInt32LE(40) / 8000).toBeCloseTo(durationSec, 2);
  });

  it('Rng helpers stay in range and forks are independent of draw order elsewhere', () => {
    const r = new Rng(9);
    for (let i = 0; i < 1000; i++) {
      const x = r.int(3, 7);
      expect(x).toBeGreaterThanOrEqual(3);
      expect(x).toBeLessThanOrEqual(7);
    }
    const a = new Rng(1);
    const b = new Rng(1);
    b.next();
    expect(a.fork('x').next()).not.toBe(b.fork('x').next());
    expect(new Rng(1).fork('x').next()).toBe(new Rng(1).fork('x').next());
  });
});

describe('the product fits the conversation', () => {
  const f = new TicketFactory(21, { media: false });
  const gen = (intent: Parameters<TicketFactory['next']>[1]) =>
    Array.from({ length: 40 }, () => f.next(NOW, intent).ticket);
  const kinds = (ts: ReturnType<typeof gen>) => new Set(ts.map((t) => t.orders[0]!.items[0]!.title));
  const text = (t: ReturnType<typeof gen>[number]) =>
    t.messages.map((m) => (m.kind === 'text' ? m.text : m.kind === 'voice' ? m.transcript : '')).join('\n');

  it('asks about sizes only of clothes and shoes, and compares or repairs only devices', () => {
    const apparel = new Set(CATALOG.filter((p) => p.category === '服装' || p.category === '鞋靴').map((p) => p.title));
    const devices = new Set(CATALOG.filter((p) => p.category === '数码').map((p) => p.title));
    for (const title of kinds([...gen('size_advice'), ...gen('exchange'), ...gen('return_request')]))
      expect(apparel, title).toContain(title);
    for (const title of kinds([...gen('product_compare'), ...gen('warranty')])) expect(devices, title).toContain(title);
  });

  it('asks a food order about freshness, not fabric, and the upstream AI answers in kind', () => {
    const food = gen('product_inquiry').filter((t) => CATALOG.find((p) => p.title === t.orders[0]!.items[0]!.title)!.category === '食品');
    expect(food.length).toBeGreaterThan(0);
    for (const t of food) {
      expect(text(t)).not.toMatch(/材质|起球|机洗|面料/);
      for (const s of t.suggestions) expect(s.text).not.toMatch(/面料|洗护|起球/);
    }
    const g = new TicketFactory(22, { media: false, intents: ['product_inquiry'] });
    for (let i = 0; i < 60; i++) {
      const x = g.next(NOW);
      const answer = customerAnswer(x, 'product_inquiry', 0, { kind: 'text' }, false);
      if (x.ctx.product.category === '食品' && answer.kind === 'text') expect(answer.text).not.toMatch(/缩水|洗/);
    }
  });

  it('escalates an address change or a cancellation as shipped only when the order has shipped', () => {
    for (const t of [...gen('address_change'), ...gen('order_cancel')]) {
      const shipped = t.orders[0]!.status === 'shipped';
      expect(/已发货|已出库/.test(t.escalationReason ?? ''), `${t.orders[0]!.status}: ${t.escalationReason}`).toBe(shipped);
      // what the customer tells the bot just before the escalation (an opener may still guess wrong)
      const pushback = t.messages.filter((m) => m.from === 'customer' && m.kind === 'text').at(-1);
      expect(/已经发货|已出库/.test(pushback?.kind === 'text' ? pushback.text : ''), text(t)).toBe(shipped);
    }
  });
});
