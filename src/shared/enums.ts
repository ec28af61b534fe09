// Enums both the domain contracts (domain.ts) and the core's text codes (core-texts.ts) use; domain.ts
// re-exports them, so import them from there.
import { z } from 'zod';
import { INTENT_IDS } from './intents';

export const IntentSchema = z.enum(INTENT_IDS);

export const OrderStatusSchema = z.enum([
  'pending_payment',
  'paid',
  'shipped',
  'delivered',
  'completed',
  'refunding',
  'refunded',
  'cancelled',
]);

export const RoleSchema = z.enum(['agent', 'lead', 'admin']);

export const SuggestionSourceSchema = z.enum(['upstream_ai', 'knowledge', 'macro', 'history', 'llm']);
