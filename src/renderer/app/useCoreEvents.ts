// Routes the core's pushed events into the feature slices, and resynchronises everything when the
// bridge to the core comes back after a drop (events sent meanwhile were lost with the socket).
import { App } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message, Resolution } from '../../shared/domain';
import { LEAD_NOTE_EVENT } from '../../shared/hub-protocol';
import { briefOf } from '../../shared/message-brief';
import { revokeReasonWords } from '../../shared/system-texts';
import { useAssist } from '../assist/store';
import { clearHeld } from '../conversation/held';
import { useConversation } from '../conversation/store';
import { intentLabel } from '../i18n';
import { useLead } from '../lead/store';
import { api, getBridgeStatus, onBridgeStatus } from '../platform/client';
import { playChime } from '../queue/chime';
import { notify, notifyNewTicket } from '../queue/notifications';
import { useQueue } from '../queue/store';
import { useSession } from '../session/store';
import { useSettings } from '../settings/store';
import { useSync } from '../sync/store';
import { useKbImport } from '../knowledge/importStore';
import { useKbIndexing } from '../knowledge/indexingStore';

export function useCoreEvents(): void {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();

  useEffect(() => {
    const client = api();
    // A resolution code when the ticket was closed (maybe in another window), else the hub's words.
    const removalReason = (reason: string, code?: string, by?: string): string =>
      isResolution(reason)
        ? t(`close.resolutionName.${reason}`)
        : (revokeReasonWords(code, by, useSettings.getState().language) ?? reason);
    const preview = (m: Message): string =>
      m.kind === 'text' || m.kind === 'system' ? m.text : `[${t(`messageKind.${m.kind}`)}]`;
    let lastBridge = getBridgeStatus();
    useSession.getState().setBridge(lastBridge);

    const offs = [
      client.on('session.changed', (s) => {
        const before = useSession.getState().state?.outboxPending;
        useSession.getState().apply(s);
        // The outbox moved: the open conversation's "sending" marks may have changed.
        if (before !== s.outboxPending) void useConversation.getState().loadDelivery();
      }),
      client.on('tickets.upserted', (summary) => {
        const queue = useQueue.getState();
        const isNew = queue.upsert(summary);
        // Only tickets that arrive after the first load are news worth a notification.
        if (!isNew || !queue.loaded) return;
        playChime('new');
        const lang = useSettings.getState().language;
        notifyNewTicket(
          summary,
          {
            title: t('queue.notifyTitle'),
            body: t('queue.notifyBody', {
              customer: summary.customerNickname,
              intent: intentLabel(summary.intent, lang),
              preview: summary.lastMessagePreview,
            }),
          },
          (id) => {
            useQueue.getState().select(id);
            void useConversation.getState().open(id);
          },
        );
      }),
      client.on('tickets.removed', ({ ticketId, reason, code, by }) => {
        useQueue.getState().remove(ticketId);
        const conv = useConversation.getState();
        conv.forget(ticketId);
        if (conv.openId !== ticketId) return;
        const closedHere = conv.closingId === ticketId;
        conv.closeView();
        if (!closedHere) toast.info(t('conversation.removed', { reason: removalReason(reason, code, by) }));
      }),
      client.on('tickets.message', ({ ticketId, message }) => {
        useConversation.getState().receive(ticketId, message);
        useQueue.getState().noteMessage(ticketId, preview(message), message, briefOf(message));
        // A note from the lead is addressed to this agent: make sure it is seen, open or not.
        if (message.kind === 'system' && message.event === LEAD_NOTE_EVENT && useQueue.getState().loaded) {
          const customer = useQueue.getState().byId[ticketId]?.customerNickname ?? ticketId;
          const text = { title: t('conversation.leadNoteFor', { customer }), body: message.text };
          toast.info({ content: `${text.title}：${text.body}`, duration: 8 });
          playChime('new');
          notify(`lead-note-${ticketId}`, text, () => {
            useQueue.getState().select(ticketId);
            void useConversation.getState().open(ticketId);
          });
        }
      }),
      client.on('tickets.changed', ({ ticketId }) => {
        if (useConversation.getState().openId !== ticketId) {
          useConversation.getState().forget(ticketId);
          return;
        }
        void useConversation.getState().refresh();
        void useConversation.getState().loadDelivery();
      }),
      client.on('assist.suggestions', (s) => useAssist.getState().applySuggestions(s)),
      client.on('conflicts.changed', (c) => useLead.getState().apply(c)),
      client.on('team.snapshot', (team) => useLead.getState().applyTeam(team)),
      client.on('sync.conflicts', (list) => {
        useSync.getState().apply(list);
        void useConversation.getState().loadDelivery();
      }),
      client.on('kb.progress', (p) => {
        useKbImport.getState().applyProgress(p);
        useKbIndexing.getState().apply(p);
      }),
      onBridgeStatus((status) => {
        useSession.getState().setBridge(status);
        if (status === 'open' && lastBridge === 'closed') {
          // Events were lost with the socket: nothing held can be trusted to be current.
          clearHeld();
          void useSession.getState().load();
          if (useQueue.getState().loaded) void useQueue.getState().load();
          void useConversation.getState().refresh();
          void useSync.getState().load();
        }
        lastBridge = status;
      }),
    ];
    return () => {
      for (const off of offs) off();
    };
  }, [t, toast]);
}

const RESOLUTIONS: readonly string[] = [
  'resolved',
  'transferred',
  'returned_to_bot',
  'pending',
] satisfies Resolution[];

function isResolution(value: string): value is Resolution {
  return RESOLUTIONS.includes(value);
}
