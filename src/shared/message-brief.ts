// The last message of a ticket as the queue shows it, kept as kind + detail rather than one Chinese
// string ("[图片]"), so each screen words it in its own language (renderer i18n/system-words.ts).
import type { Message, MessageKind } from './domain';

export interface MessageBrief {
  kind: MessageKind;
  /** Text, transcript, order id, product or coupon title: never the kind's name. */
  detail: string;
  /** System messages: the event and its params (e.g. escalated + reasonCode). */
  event?: string;
  params?: Record<string, string>;
}

export function briefOf(message: Message): MessageBrief {
  switch (message.kind) {
    case 'text':
      return { kind: 'text', detail: message.text.slice(0, 80) };
    case 'voice':
      return { kind: 'voice', detail: message.transcript.slice(0, 60) };
    case 'image':
      return { kind: 'image', detail: '' };
    case 'order_card':
      return { kind: 'order_card', detail: message.order.id };
    case 'product_card':
      return { kind: 'product_card', detail: message.product.title.slice(0, 40) };
    case 'coupon_card':
      return { kind: 'coupon_card', detail: message.coupon.title };
    case 'system':
      return {
        kind: 'system',
        detail: message.text.slice(0, 80),
        event: message.event,
        ...(message.params ? { params: message.params } : {}),
      };
  }
}
