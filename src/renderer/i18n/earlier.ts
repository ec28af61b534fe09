// Strings for paging in the older part of a long conversation, both languages in one place.
import type { Strings } from './types';

export const earlierZh = {
  load: '加载更早的消息（还有 {{count}} 条）',
  loading: '正在加载更早的消息…',
  failed: '无法加载更早的消息：{{message}}',
};

export const earlierEn: Strings<typeof earlierZh> = {
  load: 'Load earlier messages ({{count}} more)',
  load_one: 'Load earlier messages (1 more)',
  loading: 'Loading earlier messages…',
  failed: 'Could not load earlier messages: {{message}}',
};
