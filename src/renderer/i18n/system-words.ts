// Hub-produced texts in the reader's language: a known code is worded here, anything else falls back
// to the hub's own text (an older hub, a reason this version does not know).
import type { TFunction } from 'i18next';
import type { TicketSummary } from '../../shared/api';
import type { Message, Ticket } from '../../shared/domain';
import { ESCALATION_REASONS, type EscalationReasonCode } from '../../shared/system-texts';
import { conflictTitleFor } from '../lead/conflict-words';
import type { Language } from '../settings/store';
import { zhCN } from './zh-CN';

const ACTION_TYPES = zhCN.action;

type SystemMessage = Extract<Message, { kind: 'system' }>;

function reasonWords(code: string | undefined, lang: Language): string | null {
  if (!code || !(code in ESCALATION_REASONS)) return null;
  const reason = ESCALATION_REASONS[code as EscalationReasonCode];
  return lang === 'en' ? reason.en : reason.zh;
}

export function escalationReasonText(
  ticket: Pick<Ticket, 'escalationReason' | 'escalationCode'>,
  lang: Language,
): string {
  return reasonWords(ticket.escalationCode, lang) ?? ticket.escalationReason;
}

/** A system event's words: known events with known params in this language, else the hub's text. */
export function systemText(
  m: Pick<SystemMessage, 'event' | 'text' | 'params'>,
  t: TFunction,
  lang: Language,
): string {
  if (m.event === 'escalated') {
    const reason = reasonWords(m.params?.['reasonCode'], lang);
    if (reason) return t('system.botHandedOver', { reason });
  }
  // In Chinese the hub's sentence is kept (it quotes the chosen side's own words).
  if (m.event === 'conflict_decided' && m.params?.['ruleId'] && lang === 'en') {
    const p = m.params;
    const title = conflictTitleFor(p['ruleId']!, lang) ?? null;
    const type = p['actionType'];
    if (title && (p['choice'] === 'custom' || (type && type in ACTION_TYPES))) {
      const head =
        p['choice'] === 'custom'
          ? t('system.conflictDecidedCustom', { title })
          : t('system.conflictDecided', { title, chosen: t(`action.${type as keyof typeof ACTION_TYPES}`) });
      return p['note'] ? head + t('system.conflictNote', { note: p['note'] }) : head;
    }
  }
  return m.text;
}

/** The queue row's last-message line. */
export function previewText(
  ticket: Pick<TicketSummary, 'lastMessagePreview' | 'lastMessageBrief'>,
  t: TFunction,
  lang: Language,
): string {
  const brief = ticket.lastMessageBrief;
  if (!brief) return ticket.lastMessagePreview;
  switch (brief.kind) {
    case 'text':
      return brief.detail;
    case 'system':
      return systemText({ event: brief.event ?? '', text: brief.detail, params: brief.params }, t, lang);
    default:
      return t(`system.preview.${brief.kind}`, { detail: brief.detail }).trim();
  }
}
