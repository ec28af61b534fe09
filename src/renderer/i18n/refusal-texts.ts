// Words of the refusals an agent meets in normal work (codes `refusal.*` in src/shared/core-texts.ts),
// and of error codes that come without one (the hub's own answers), so a failure reads in the UI's
// language; the technical detail follows only where there is no better sentence.
import type { Strings } from './types';

export const refusalTextsZh = {
  ticket_not_here: '本机没有这个会话（可能已转给他人或已清除）',
  ticket_closed: '这个会话已结束，不能再操作',
  sign_in_first: '请先登录',
  lead_only: '只有组长可以这样做',
  offline: {
    earlier_messages: '离线中：更早的消息要从服务端加载，恢复连接后再试',
    team_tickets: '离线中：团队会话只有服务端知道，恢复连接后再试',
  },
  conflict_settled: '这个冲突已经处理过了',
  reassign_waiting: '这个会话的转派还在等待同步，请稍候',
  upload_gone: '上传的文件已失效（已用过或已过期），请重新选择文件',
  kb_unavailable: '知识库暂不可用',
  code: {
    RATE_LIMITED: '操作太频繁，请 {{seconds}} 秒后再试',
    UNAVAILABLE: '暂时无法完成（{{detail}}）',
    FORBIDDEN: '没有权限（{{detail}}）',
    UNAUTHORIZED: '登录已失效，请重新登录（{{detail}}）',
  },
};

export const refusalTextsEn: Strings<typeof refusalTextsZh> = {
  ticket_not_here: 'This conversation is not on this machine (it may have been transferred or cleared)',
  ticket_closed: 'This conversation has ended; it cannot be changed',
  sign_in_first: 'Sign in first',
  lead_only: 'Only a team lead can do this',
  offline: {
    earlier_messages: 'Offline: earlier messages load from the hub; try again once connected',
    team_tickets: "Offline: the team's conversations are only known to the hub; try again once connected",
  },
  conflict_settled: 'This conflict has already been settled',
  reassign_waiting: 'A reassignment of this conversation is still waiting to sync; wait a moment',
  upload_gone: 'The uploaded file is gone (used already or expired); pick the file again',
  kb_unavailable: 'The knowledge base is not available',
  code: {
    RATE_LIMITED: 'Too many requests; try again in {{seconds}} s',
    UNAVAILABLE: 'Not possible right now ({{detail}})',
    FORBIDDEN: 'Not allowed ({{detail}})',
    UNAUTHORIZED: 'Your sign-in has expired; sign in again ({{detail}})',
  },
};
