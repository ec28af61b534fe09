// A failed call's reason as the agent reads it: a refusal's code in their language, the common error
// codes as sentences, and a fault's technical detail as sent.
import { beforeAll, describe, expect, it } from 'vitest';
import { coreText } from '../../src/shared/core-texts';
import { errorWords } from '../../src/renderer/i18n/error-words';
import { CJK, en, loadWordings, zh } from '../support/wording';

beforeAll(loadWordings);

describe('errorWords', () => {
  it('words a refusal from its code, not from the core’s English log line', () => {
    const closed = {
      code: 'CONFLICT' as const,
      message: 'ticket t1 is already closed',
      text: coreText('refusal.ticket_closed', {}),
    };
    expect(errorWords(closed, zh, 'zh-CN')).toBe('这个会话已结束，不能再操作');
    expect(errorWords(closed, en, 'en')).toBe('This conversation has ended; it cannot be changed');
    const offline = {
      code: 'UNAVAILABLE' as const,
      message: 'offline: older messages load from the hub',
      text: coreText('refusal.offline', { needs: 'earlier_messages' }),
    };
    expect(errorWords(offline, zh, 'zh-CN')).toMatch(/^离线中/);
    expect(errorWords(offline, en, 'en')).not.toMatch(CJK);
  });

  it('says how long to wait when rate limited, in whole seconds', () => {
    const limited = { code: 'RATE_LIMITED' as const, message: 'too many commands', retryAfterMs: 2100 };
    expect(errorWords(limited, zh, 'zh-CN')).toBe('操作太频繁，请 3 秒后再试');
    expect(errorWords(limited, en, 'en')).toBe('Too many requests; try again in 3 s');
  });

  it('keeps a fault’s technical detail as sent', () => {
    const fault = { code: 'INTERNAL' as const, message: 'SQLITE_BUSY: database is locked' };
    expect(errorWords(fault, zh, 'zh-CN')).toBe('SQLITE_BUSY: database is locked');
    const hub = { code: 'FORBIDDEN' as const, message: 'not your ticket' };
    expect(errorWords(hub, zh, 'zh-CN')).toBe('没有权限（not your ticket）');
  });
});
