// The shape of the simulator's per-intent conversation material (see ../scripts.ts).
import type { ActionType } from '../../shared/domain';

export interface AiActionTemplate {
  type: ActionType;
  actor: string;
  params: Record<string, string | number | boolean>;
  summary: string;
  /** probability this action is part of the escalation packet */
  p: number;
}

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
}
