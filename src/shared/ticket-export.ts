// The file the platform exports for offline triage (hub: GET /api/tickets/export) and the workstation
// imports (tickets.importBatch). Each ticket is checked on its own, so one bad entry costs only itself.
import { z } from 'zod';
import { EpochMsSchema, IdSchema, TicketSchema, type Ticket } from './domain';
import { describeIssues } from './result';

export const TicketExportSchema = z.object({
  format: z.literal('xiaoer-ticket-export'),
  version: z.literal(1),
  agentId: IdSchema,
  exportedAt: EpochMsSchema,
  tickets: z.array(z.unknown()),
});
export type TicketExport = Omit<z.infer<typeof TicketExportSchema>, 'tickets'> & { tickets: Ticket[] };

export interface TicketBatchError {
  /** Position in the file's tickets array (0-based) and the ticket id when one could be read. */
  index: number;
  ticketId?: string;
  reason: string;
}

export function parseTicketExport(raw: unknown): {
  agentId: string;
  tickets: Ticket[];
  errors: TicketBatchError[];
} {
  const file = TicketExportSchema.safeParse(raw);
  if (!file.success)
    throw new Error(`not a ticket export file: ${describeIssues(file.error)[0] ?? 'bad shape'}`);
  const tickets: Ticket[] = [];
  const errors: TicketBatchError[] = [];
  file.data.tickets.forEach((entry, index) => {
    const parsed = TicketSchema.safeParse(entry);
    if (parsed.success) tickets.push(parsed.data);
    else {
      const id = (entry as { id?: unknown } | null)?.id;
      errors.push({
        index,
        ...(typeof id === 'string' ? { ticketId: id } : {}),
        reason: describeIssues(parsed.error).slice(0, 3).join('; '),
      });
    }
  });
  return { agentId: file.data.agentId, tickets, errors };
}
