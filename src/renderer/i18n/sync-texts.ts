// Words of a sync conflict (an offline action the hub refused): what was refused, and why, from the
// command name and the hub's error code rather than the hub's developer text (which names ticket ids).
import type { Strings } from './types';

export const syncTextsZh = {
  command: {
    'ticket:reply': '回复',
    'ticket:outcome': '结单',
    'ticket:transfer': '转接',
    'ticket:action': '操作',
    'ticket:accept': '接单',
    'ticket:whisper': '组长留言',
    other: '操作',
  },
  summary: '{{command}} · 顾客 {{customer}}',
  reason: {
    NOT_FOUND: '服务端已没有这个会话',
    FORBIDDEN: '这个会话已不再分配给你',
    CONFLICT: '会话状态已变化，这个操作不能再执行',
    BAD_REQUEST: '服务端认为这个请求无效',
  },
};

export const syncTextsEn: Strings<typeof syncTextsZh> = {
  command: {
    'ticket:reply': 'Reply',
    'ticket:outcome': 'Close',
    'ticket:transfer': 'Transfer',
    'ticket:action': 'Action',
    'ticket:accept': 'Accept',
    'ticket:whisper': 'Lead note',
    other: 'Action',
  },
  summary: '{{command}} · customer {{customer}}',
  reason: {
    NOT_FOUND: 'The hub no longer has this conversation',
    FORBIDDEN: 'This conversation is no longer assigned to you',
    CONFLICT: 'The conversation has moved on; this can no longer be done',
    BAD_REQUEST: 'The hub found the request invalid',
  },
};
