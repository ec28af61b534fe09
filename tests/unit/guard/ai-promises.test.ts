// What the AI promised before escalating, checked like an agent's draft.
import { describe, expect, it } from 'vitest';
import { aiPromises } from '../../../src/main/core/guard/ai-promises';
import { loadPolicy } from '../../../src/main/core/guard/policy';
import { textMessage, ticket } from '../../support/fixtures';

const policy = loadPolicy();

describe('aiPromises', () => {
  it('lists each promise in the bot’s messages and flags the ones beyond policy, in the AI’s name', () => {
    const t = ticket({
      id: 'p-1',
      messages: [
        textMessage('p-1', '我买的裤子能退吗？'),
        textMessage('p-1', '亲，本店支持30天无理由退货，48小时内发货哦～', { from: 'bot' }),
        textMessage('p-1', '退货可以，30天内都行', { from: 'customer' }), // the customer's words are not promises
      ],
    });
    const promises = aiPromises(t, policy, null);
    expect(promises.map((p) => p.kind)).toEqual(['return_days', 'ship_hours']);
    expect(promises[0]).toMatchObject({ excerpt: '本店支持30天无理由退货', warning: { severity: 'high' } });
    expect(promises[0]!.warning!.reason).toMatch(/^AI承诺 30 天可退货，店铺政策为签收后 7 天/);
    expect(promises[1]!.warning).toBeNull(); // 48 h is the shop's own promise
  });

  it('is empty when the AI promised nothing', () => {
    const t = ticket({ id: 'p-2', messages: [textMessage('p-2', '您好，请问有什么可以帮您？', { from: 'bot' })] });
    expect(aiPromises(t, policy, null)).toEqual([]);
  });
});
