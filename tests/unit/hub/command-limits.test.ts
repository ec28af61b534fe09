// The socket command limiter on its own: costs, the steady + burst allowance, heavy-read seats per
// user, and knowledge pages charged by what they weighed.
import { describe, expect, it } from 'vitest';
import { CommandLimiter, DEFAULT_COMMAND_LIMITS, commandCost } from '../../../src/hub/socket/limits';

const limits = (over: Partial<typeof DEFAULT_COMMAND_LIMITS> = {}) => ({
  ...DEFAULT_COMMAND_LIMITS,
  ...over,
});

describe('CommandLimiter', () => {
  it('costs heavy reads more than a reply', () => {
    expect(commandCost('ticket:reply')).toBe(1);
    expect(commandCost('kb:pull')).toBeGreaterThan(commandCost('ticket:reply'));
  });

  it('lets the steady allowance, then the burst through, then says how long to wait', async () => {
    const l = new CommandLimiter(
      limits({ perSocket: { perSecond: 3, burstPer10s: 2 }, perUser: { perSecond: 100, burstPer10s: 0 } }),
    );
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await l.take('u1', 's1', 'ticket:reply'));
    expect(answers.slice(0, 5)).toEqual([null, null, null, null, null]);
    expect(answers[5]).toBeGreaterThan(0);
    expect(answers[5]).toBeLessThanOrEqual(1000);
    expect(await l.take('u1', 's2', 'ticket:reply')).toBeNull(); // another socket has its own allowance
  });

  it('shares the per-user allowance across a user’s sockets', async () => {
    const l = new CommandLimiter(
      limits({ perSocket: { perSecond: 100, burstPer10s: 0 }, perUser: { perSecond: 2, burstPer10s: 0 } }),
    );
    expect(await l.take('u1', 's1', 'agent:status')).toBeNull();
    expect(await l.take('u1', 's2', 'agent:status')).toBeNull();
    expect(await l.take('u1', 's3', 'agent:status')).toBeGreaterThan(0);
    expect(await l.take('u2', 's4', 'agent:status')).toBeNull();
  });

  it('gives each user a few heavy-read seats; light commands never wait for one', () => {
    const l = new CommandLimiter(limits({ maxHeavyInFlightPerUser: 2 }));
    const a = l.seat('u1', 'kb:pull');
    const b = l.seat('u1', 'metrics:get');
    expect(a && b).toBeTruthy();
    expect(l.seat('u1', 'kb:pull')).toBeNull();
    expect(l.seat('u1', 'ticket:reply')).not.toBeNull();
    expect(l.seat('u2', 'kb:pull')).not.toBeNull();
    a!();
    a!(); // releasing twice frees one seat only
    expect(l.seat('u1', 'kb:pull')).not.toBeNull();
    expect(l.seat('u1', 'kb:pull')).toBeNull();
  });

  it('charges a knowledge page by its characters, so big pages use up the allowance sooner', async () => {
    const l = new CommandLimiter(
      limits({
        perSocket: { perSecond: 1000, burstPer10s: 0 },
        perUser: { perSecond: 30, burstPer10s: 0 },
        charsPerPoint: 1000,
      }),
    );
    expect(await l.take('u1', 's1', 'kb:pull')).toBeNull(); // 10 points
    await l.charge('u1', 's1', 'kb:pull', { docs: [{ title: '', body: 'x'.repeat(15_000) }] }); // +15
    expect(await l.take('u1', 's1', 'kb:pull')).toBeGreaterThan(0); // 25 + 10 > 30
  });
});
