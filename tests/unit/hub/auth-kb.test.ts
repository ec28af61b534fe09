import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../src/hub/auth/password';
import { signToken, verifyToken } from '../../../src/hub/auth/token';
import { loadKbSeed, parseKbMarkdown } from '../../../src/hub/kb/seed';
import { KbDocSchema } from '../../../src/shared/domain';

describe('tokens', () => {
  const exp = () => Math.floor(Date.now() / 1000) + 60;
  it('round-trips and pins HS256', () => {
    const t = signToken('s', { sub: 'agent1', role: 'agent', name: 'n', exp: exp() });
    const v = verifyToken('s', t);
    expect(v.ok && v.claims.sub).toBe('agent1');
    expect(verifyToken('other', t)).toEqual({ ok: false, reason: 'bad_signature' });
    const [, p, s] = t.split('.');
    const hs512 = Buffer.from(JSON.stringify({ alg: 'HS512', typ: 'JWT' })).toString('base64url');
    expect(verifyToken('s', `${hs512}.${p}.${s}`)).toEqual({ ok: false, reason: 'bad_header' });
    expect(verifyToken('s', 'a.b')).toEqual({ ok: false, reason: 'malformed' });
  });
  it('rejects expired tokens', () => {
    const t = signToken('s', { sub: 'a', role: 'agent', name: 'n', exp: Math.floor(Date.now() / 1000) - 1 });
    expect(verifyToken('s', t)).toEqual({ ok: false, reason: 'expired' });
  });
});

describe('passwords', () => {
  it('scrypt hash verifies only the right password and is salted', async () => {
    const h1 = await hashPassword('xiaoer123');
    const h2 = await hashPassword('xiaoer123');
    expect(h1).not.toBe(h2);
    expect(h1.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(await verifyPassword('xiaoer123', h1)).toBe(true);
    expect(await verifyPassword('xiaoer124', h1)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});

describe('knowledge seed', () => {
  it('has ≥50 valid documents across three tiers with unique ids', () => {
    const docs = loadKbSeed();
    expect(docs.length).toBeGreaterThanOrEqual(50);
    for (const d of docs)
      expect(KbDocSchema.safeParse({ ...d, version: 1, updatedAt: 1 }).success, d.id).toBe(true);
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
    const tiers = new Map<string, number>();
    for (const d of docs) tiers.set(d.tier, (tiers.get(d.tier) ?? 0) + 1);
    expect(tiers.get('general')).toBeGreaterThan(30);
    expect(tiers.get('industry')).toBeGreaterThanOrEqual(5);
    expect(tiers.get('merchant')).toBeGreaterThanOrEqual(5);
    const text = docs.map((d) => d.title + d.body).join('\n');
    for (const must of [
      '7天无理由',
      '运费险',
      '价保',
      '偏远地区',
      '尺码',
      '满减',
      '跨店',
      '会员日',
      '发票',
      '保修',
      '顺丰',
      '京东物流',
    ]) {
      expect(text.includes(must) || text.includes(must.replace('7天', '七天')), must).toBe(true);
    }
  });

  it('parses the front-matter format and reports bad files', () => {
    expect(
      parseKbMarkdown('---\nid: a-1\ntier: merchant\ntitle: 标题\ntags: [甲，乙, 丙]\n---\n\n正文'),
    ).toEqual({ id: 'a-1', tier: 'merchant', title: '标题', tags: ['甲', '乙', '丙'], body: '正文' });
    expect(() => parseKbMarkdown('no front matter', 'f.md')).toThrow(/f\.md: missing front-matter/);
    expect(() => parseKbMarkdown('---\nid: A B\ntier: general\ntitle: t\n---\nbody')).toThrow(/id must be/);
    expect(() => parseKbMarkdown('---\nid: a\ntier: galaxy\ntitle: t\n---\nbody')).toThrow(/tier/);
    expect(() => parseKbMarkdown('---\nid: a\ntier: general\ntitle: t\n---\n  ')).toThrow(/empty body/);
  });
});
