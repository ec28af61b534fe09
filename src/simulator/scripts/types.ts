// The shape of the simulator's per-intent conversation material (see ../scripts.ts).
import type { ActionType, OrderStatus } from '../../shared/domain';
import type { CatalogItem } from '../data';

export interface AiActionTemplate {
  type: ActionType;
  actor: string;
  params: Record<string, string | number | boolean>;
  summary: string;
  /** probability this action is part of the escalation packet */
  p: number;
}

/** The lines that change with the kind of product the conversation is about. */
export type ProductLines = Partial<
  Pick<IntentScript, 'openers' | 'pushback' | 'suggestions' | 'answers' | 'image'>
>;

export interface IntentScript {
  openers: string[];
  bot: string[];
  pushback: string[];
  reasons: string[];
  suggestions: string[];
  /** customer's answers to the agent, in turn order (the last ones are closers) */
  answers: string[];
  sentiment: [number, number];
  image?: { p: number; caption: string; damaged?: boolean };
  voice?: number;
  aiActions?: AiActionTemplate[];
  /** actions an AI agent may take later, while the human works (some contradict the packet) */
  lateActions?: AiActionTemplate[];
  marketing: boolean;
  /**
   * Product categories the conversation fits (a sizing question is about clothes or shoes, a warranty
   * one about a device); default: any. The ordered product is drawn from these.
   */
  products?: CatalogItem['category'][];
  /** Lines for one category instead of the default ones (a freshness question about food …). */
  byCategory?: Partial<Record<CatalogItem['category'], ProductLines>>;
  /**
   * The escalation reason follows the order's state: intents whose orders may or may not have left the
   * warehouse (an address change, a cancellation) pick the status first, then a reason (and what the
   * customer says back to the bot) that fits it.
   */
  reasonsByStatus?: { status: OrderStatus; reasons: string[]; pushback?: string[] }[];
}
