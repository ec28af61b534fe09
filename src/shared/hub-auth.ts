// The hub's front door: how a workstation signs in (POST /api/login) and what its socket handshake
// carries. Re-exported by hub-protocol.ts.
import { z } from 'zod';
import { AgentProfileSchema, EpochMsSchema } from './domain';

/** What an agent chose: taking tickets, on a break, or busy (no new tickets either way but online). */
export const AgentPresenceSchema = z.enum(['online', 'away', 'busy']);
export type AgentPresence = z.infer<typeof AgentPresenceSchema>;

/** What the handshake carries. */
export const HandshakeAuthSchema = z.object({
  token: z.string().min(10).max(4096),
  /** The agent's chosen presence, so a reconnect while on a break does not route tickets first. Default online. */
  status: AgentPresenceSchema.optional(),
  /**
   * Last applied seq. When present the hub replays everything after it on connect, then goes live.
   * A socket receives seq'd events only once it has resumed: via this field or `session:resume`.
   */
  lastSeq: z.number().int().nonnegative().optional(),
});

export const LoginRequestSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export const LoginResponseSchema = z.object({
  token: z.string(),
  expiresAt: EpochMsSchema,
  agent: AgentProfileSchema,
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;
