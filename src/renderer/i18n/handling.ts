// Strings of handling a ticket (close dialog, 待跟进, the SLA clock), both languages in one place.
import type { Strings } from './types';

export const handlingZh = {
  slaPaused: 'SLA 已暂停',
  pendingMarker: '待跟进',
  pendingHint: '会话留在队列中并标记「待跟进」，SLA 暂停计时，直到你再次结束它。',
  discardTitle: '放弃已填写的备注和标签？',
  discardBody: '关闭后这次填写的内容不会保存。',
  keepEditing: '继续填写',
  discard: '放弃',
  doneParked: '已标记待跟进，会话仍在队列中',
};

export const handlingEn: Strings<typeof handlingZh> = {
  slaPaused: 'SLA paused',
  pendingMarker: 'Follow-up',
  pendingHint:
    'The conversation stays in your queue marked “Follow-up”, its SLA paused, until you close it again.',
  discardTitle: 'Discard the note and tags you entered?',
  discardBody: 'What you typed in this dialog is not kept once it closes.',
  keepEditing: 'Keep editing',
  discard: 'Discard',
  doneParked: 'Marked for follow-up; the conversation stays in the queue',
};
