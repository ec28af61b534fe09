// The order's status for a ticket of each intent, picked before the escalation reason and the
// customer's lines so they follow it (an address change is escalated as shipped only when it is).
import type { Intent, OrderStatus } from '../shared/domain';
import type { Rng } from './prng';

export function orderStatusFor(intent: Intent, r: Rng): OrderStatus {
  switch (intent) {
    case 'shipping_time':
    case 'order_cancel':
    case 'address_change':
      return 'paid';
    case 'tracking':
    case 'delivery_exception':
      return 'shipped';
    case 'refund_progress':
      return 'refunding';
    case 'payment_issue':
      return 'pending_payment';
    case 'product_inquiry':
    case 'size_advice':
    case 'stock_inquiry':
    case 'product_compare':
      return r.pick(['completed', 'delivered'] as const);
    default:
      return r.pick(['delivered', 'completed'] as const);
  }
}
