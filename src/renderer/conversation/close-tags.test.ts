import { describe, expect, it } from 'vitest';
import { tagLabel } from '../../shared/system-texts';
import { initialCloseTags } from './CloseTicketDialog';

describe('close dialog tags', () => {
  it('start from the agent’s own tags and the SLA breach, not the hub’s context tags', () => {
    expect(initialCloseTags(['sla_breached', 'AI已处理', '高价值', '偏远地区'], ['补发'])).toEqual([
      '补发',
      'sla_breached',
    ]);
    expect(initialCloseTags(['AI已处理'], [])).toEqual([]);
  });
  it('read as words in either language; the agent’s own tags as typed', () => {
    expect(tagLabel('sla_breached', 'zh-CN')).toBe('SLA 超时');
    expect(tagLabel('sla_breached', 'en')).toBe('SLA breached');
    expect(tagLabel('AI已处理', 'en')).toBe('AI tried first');
    expect(tagLabel('补发', 'en')).toBe('补发');
  });
});
