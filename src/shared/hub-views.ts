// What the hub shows of its state inside protocol messages: why a ticket went to an agent, the lead's
// view of the team and its open tickets, and a customer's earlier tickets. Kept apart from the event
// and command tables in hub-protocol.ts, which re-exports them.
import { z } from 'zod';
import {
  EpochMsSchema,
  IdSchema,
  IntentSchema,
  PrioritySchema,
  ResolutionSchema,
  RoleSchema,
  TicketStatusSchema,
} from './domain';

export const AssignmentReasonSchema = z.object({
  agentId: IdSchema,
  total: z.number(),
  /** Each factor's weighted contribution, so a lead can see why this agent was chosen. */
  factors: z.record(z.string(), z.number()),
  weights: z.record(z.string(), z.number()),
  queuePressure: z.number().min(0),
});
export type AssignmentReason = z.infer<typeof AssignmentReasonSchema>;

export const TeamAgentSchema = z.object({
  id: IdSchema,
  name: z.string(),
  role: RoleSchema,
  online: z.boolean(),
  status: z.enum(['online', 'away', 'busy', 'offline']),
  load: z.number().int().nonnegative(),
  capacity: z.number().int().positive(),
});

/** An open ticket as the lead's team view lists it (`team:tickets`): who holds it and how urgent it is. */
export const TeamTicketSchema = z.object({
  id: IdSchema,
  customerNickname: z.string(),
  intent: IntentSchema,
  priority: PrioritySchema,
  status: TicketStatusSchema,
  /** null while it waits in the queue. */
  assignedTo: IdSchema.nullable(),
  slaDueAt: EpochMsSchema,
  slaBreached: z.boolean(),
  /**
   * Since when the customer has been waiting for a human answer: the first customer message after the
   * last agent reply, or the escalation if no agent answered yet; null when the agent spoke last.
   */
  waitingSince: EpochMsSchema.nullable(),
});
export type TeamTicket = z.infer<typeof TeamTicketSchema>;

/** One of a customer's earlier tickets, as the agent of their current one sees it. */
export const CustomerPastTicketSchema = z.object({
  id: IdSchema,
  intent: IntentSchema,
  status: TicketStatusSchema,
  createdAt: EpochMsSchema,
  /** What the customer asked first (their first text or voice transcript), shortened. */
  opener: z.string().max(200),
  agentName: z.string().nullable(),
  outcome: z
    .object({
      resolution: ResolutionSchema,
      note: z.string().max(2000),
      closedAt: EpochMsSchema,
      csat: z.number().int().min(1).max(5).nullable(),
    })
    .nullable(),
});
export type CustomerPastTicket = z.infer<typeof CustomerPastTicketSchema>;
