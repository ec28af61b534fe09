// What the AI already promised the customer before it escalated ("48 小时内发货", "可以退 30 天"):
// the bot's messages read with the same parser and checks as the agent's drafts, so the agent sees a
// promise that breaks policy before repeating it — or knows to walk it back.
import type { ConflictRulesFile } from '../../../shared/conflict-rules';
import type { Ticket } from '../../../shared/domain';
import { parseDraft, type ClaimKind } from './draft-parser';
import { checkDraft, type GuardWarning } from './guard';
import type { Policy } from './policy';

export interface AiPromise {
  messageId: string;
  at: number;
  kind: ClaimKind;
  /** The clause that makes the promise. */
  excerpt: string;
  /** Why it cannot be kept as said, or null when it is within policy. */
  warning: Pick<GuardWarning, 'severity' | 'reason'> | null;
}

export function aiPromises(
  ticket: Ticket,
  policy: Policy,
  rules: Pick<ConflictRulesFile, 'rules' | 'policy' | 'limits'> | null,
): AiPromise[] {
  const out: AiPromise[] = [];
  for (const m of ticket.messages) {
    if (m.from !== 'bot') continue;
    const text = m.kind === 'text' ? m.text : m.kind === 'voice' ? m.transcript : null;
    if (!text) continue;
    const claims = parseDraft(text);
    if (!claims.length) continue;
    const warnings = checkDraft(
      { ticket, draft: text, agent: { id: 'ai', name: 'AI', role: 'agent' }, subject: 'AI' },
      policy,
      rules,
    );
    for (const c of claims) {
      const w = warnings.find((x) => x.start < c.end && c.start < x.end);
      out.push({
        messageId: m.id,
        at: m.at,
        kind: c.kind,
        excerpt: c.excerpt,
        warning: w ? { severity: w.severity, reason: w.reason } : null,
      });
    }
  }
  return out;
}
