// Hub-produced texts carry codes the renderer words in the reader's language (issue 13 item 7).
import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCRIPTS } from '../../src/simulator/scripts';
import { TicketFactory } from '../../src/simulator/factory';
import { conflictExplanation, conflictTitle, humanise } from '../../src/renderer/lead/conflict-words';
import { resources } from '../../src/renderer/i18n/index';
import { escalationReasonText, previewText, systemText } from '../../src/renderer/i18n/system-words';
import type { Conflict } from '../../src/shared/domain';
import { briefOf } from '../../src/shared/message-brief';
import { ESCALATION_REASONS, escalationCodeFor } from '../../src/shared/system-texts';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

beforeAll(async () => {
  await i18n.init({ resources, lng: 'en', fallbackLng: 'zh-CN', interpolation: { escapeValue: false } });
});

describe('escalation reasons', () => {
  it('every reason the simulator sends has a code with English words', () => {
    for (const script of Object.values(SCRIPTS))
      for (const reason of script.reasons) {
        const code = escalationCodeFor(reason);
        expect(code, reason).toBeDefined();
        expect(ESCALATION_REASONS[code!].en).not.toMatch(CJK);
      }
  });

  it('a generated ticket carries the code; English shows words, Chinese the hub’s text', () => {
    const { ticket } = new TicketFactory(11).next(Date.now(), 'damaged_package');
    expect(ticket.escalationCode).toBeDefined();
    expect(escalationReasonText(ticket, 'en')).not.toMatch(CJK);
    expect(escalationReasonText(ticket, 'zh-CN')).toBe(ticket.escalationReason);
    const system = ticket.messages.find((m) => m.kind === 'system' && m.event === 'escalated');
    expect(system && system.kind === 'system' && systemText(system, i18n.t, 'en')).toMatch(/^Handed over by the bot: /);
    expect(system && system.kind === 'system' && systemText(system, i18n.t, 'en')).not.toMatch(CJK);
    // An older hub (no code): its words, as before.
    expect(escalationReasonText({ escalationReason: '客户要求补发' }, 'en')).toBe('客户要求补发');
  });
});

describe('queue preview', () => {
  it('words media kinds in the reader’s language, keeps what people wrote', () => {
    const image = briefOf({ id: 'm', ticketId: 't', from: 'customer', at: 1, kind: 'image', url: 'x', width: 1, height: 1 } as never);
    expect(previewText({ lastMessagePreview: '[图片]', lastMessageBrief: image }, i18n.t, 'en')).toBe('[Image]');
    expect(previewText({ lastMessagePreview: '你好', lastMessageBrief: { kind: 'text', detail: '你好' } }, i18n.t, 'en')).toBe('你好');
    expect(previewText({ lastMessagePreview: '[图片]' }, i18n.t, 'en')).toBe('[图片]'); // older core: its text
  });
});

describe('conflict view', () => {
  const conflict = {
    id: 'c1',
    ticketId: 'tk_16_1_548fff',
    ruleId: 'promise-return-days',
    title: '承诺超出退货政策',
    severity: 'high',
    sides: [
      { actor: { kind: 'ai', id: 'presale_agent', name: 'Presale bot' }, type: 'promise', params: { returnDays: 15 } },
      { actor: { kind: 'ai', id: 'policy', name: '平台政策' }, type: 'promise', params: { returnDays: 7 } },
    ],
    context: { explanation: '售前Agent 承诺 15 天退货，平台政策为 7 天无理由退货。', facts: { param: 'returnDays', value: '15', limit: '7' } },
  } as unknown as Conflict;

  it('reads in words in English, as the hub wrote it in Chinese', () => {
    expect(conflictTitle(conflict, 'en')).toBe('Promise beyond the return policy');
    const en = conflictExplanation(conflict, 'en', (a) => (a.id === 'policy' ? 'Platform policy' : a.name));
    expect(en).toBe('Presale bot promised returns within 15 days; the platform policy allows 7 days.');
    expect(conflictTitle(conflict, 'zh-CN')).toBe('承诺超出退货政策');
    expect(conflictExplanation(conflict, 'zh-CN', (a) => a.name)).toBe(conflict.context.explanation);
    expect(humanise('returnDays')).toBe('return days');
  });
});

describe('the core keeps the last message as kind + detail', () => {
  it('so an image reads [Image] in English, not the stored [图片]', async () => {
    const { openDatabase } = await import('../../src/main/core/db/database');
    const { TicketStore } = await import('../../src/main/core/tickets/ticket-store');
    const { ticket } = await import('../support/fixtures');
    const store = new TicketStore(openDatabase(':memory:'));
    store.upsertTicket(ticket({ id: 'img-1' }));
    store.addMessage({ id: 'm-img', ticketId: 'img-1', from: 'customer', at: Date.now() + 1000, kind: 'image', url: 'https://img.example/a.png', width: 10, height: 10 } as never);
    const summary = store.summary('img-1')!;
    expect(summary.lastMessagePreview).toBe('[图片]');
    expect(summary.lastMessageBrief).toEqual({ kind: 'image', detail: '' });
    expect(previewText(summary, i18n.t, 'en')).toBe('[Image]');
  });
});

describe('why a ticket was taken away', () => {
  it('is worded from its code in either language; an unknown code keeps the hub’s words', async () => {
    const { revokeReasonWords } = await import('../../src/shared/system-texts');
    expect(revokeReasonWords('transferred_by', '周组长', 'en')).toBe('Transferred by 周组长');
    expect(revokeReasonWords('transferred_by', '周组长', 'zh-CN')).toBe('由 周组长 转接');
    expect(revokeReasonWords('agent_away', undefined, 'en')).not.toMatch(CJK);
    expect(revokeReasonWords('something_new', undefined, 'en')).toBeNull();
  });
});

describe('a lead’s decision in the agent’s timeline', () => {
  it('reads in English from its params; the lead’s note stays as written', () => {
    const m = {
      event: 'conflict_decided',
      text: '组长裁决「退款决定矛盾」：采用 拒绝退款：已超过售后期。备注：按规则',
      params: { ruleId: 'refund-approve-vs-deny', choice: 'b', actionType: 'refund_deny', note: '按规则' },
    };
    expect(systemText(m, i18n.t, 'en')).toBe('Lead decided “Contradicting refund decisions”: Refund denied. Note: 按规则');
    expect(systemText({ ...m, params: { ruleId: 'refund-approve-vs-deny', choice: 'custom' } }, i18n.t, 'en')).toBe(
      'Lead decided “Contradicting refund decisions”: something else',
    );
    expect(systemText(m, i18n.t, 'zh-CN')).toBe(m.text);
    expect(systemText({ ...m, params: { ruleId: 'unknown-rule', choice: 'a', actionType: 'refund_deny' } }, i18n.t, 'en')).toBe(m.text);
  });
});
