// The queue row's one-line preview of a ticket's last message (stored as `last_preview`; the
// renderer prefers the language-neutral `last_brief` and shows this text as the fallback).
import type { Message } from '../../../shared/domain';

export function previewOf(message: Message): string {
  switch (message.kind) {
    case 'text':
      return message.text.slice(0, 80);
    case 'voice':
      return `[语音] ${message.transcript.slice(0, 60)}`;
    case 'image':
      return '[图片]';
    case 'order_card':
      return `[订单] ${message.order.id}`;
    case 'product_card':
      return `[商品] ${message.product.title.slice(0, 40)}`;
    case 'coupon_card':
      return `[优惠券] ${message.coupon.title}`;
    case 'system':
      return message.text.slice(0, 80);
  }
}
