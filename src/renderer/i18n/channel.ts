// Strings of the channel delivery marks (what the customer's channel reported through the hub's
// integration API), both languages in one place.
import type { Strings } from './types';

export const channelZh = {
  delivered: '顾客渠道已送达',
  deliveredShort: '已送达',
  failed: '顾客渠道未能送达：{{reason}}',
  failedNoReason: '顾客渠道未能送达，请换一种方式联系顾客',
  failedShort: '送达失败',
};

export const channelEn: Strings<typeof channelZh> = {
  delivered: 'Delivered to the customer by the channel',
  deliveredShort: 'delivered',
  failed: 'The channel could not deliver it: {{reason}}',
  failedNoReason: 'The channel could not deliver it; reach the customer another way',
  failedShort: 'not delivered',
};
