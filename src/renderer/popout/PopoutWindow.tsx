// A conversation on its own: its header with the connection state, the conversation and the side
// panel. It shares the core with the main window, so replies, drafts and closes are the same data;
// when the ticket leaves the agent's queue the window says so and offers to close.
import { Button, Result } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ShortcutsModal } from '../app/ShortcutsModal';
import { SidePanel } from '../app/SidePanel';
import { useGlobalShortcuts } from '../app/useGlobalShortcuts';
import { ConversationPane } from '../conversation/ConversationPane';
import { useConversation } from '../conversation/store';
import { ConnectionBadge, ConnectionBanner } from '../session/ConnectionBadge';

export function PopoutWindow({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const openId = useConversation((s) => s.openId);
  const nickname = useConversation((s) => s.ticket?.customer.nickname);
  useGlobalShortcuts(); // the conversation's keys (close, reply, ?); the queue's find nothing here

  useEffect(() => {
    void useConversation.getState().open(ticketId);
  }, [ticketId]);

  useEffect(() => {
    document.title = nickname ? `${nickname} · ${t('app.name')}` : t('app.name');
  }, [nickname, t]);

  return (
    <div className="xe-workspace" data-testid="popout-window" data-ticket-id={ticketId}>
      <header className="xe-topbar">
        <div className="xe-brand">
          <span className="xe-logo xe-logo-sm">小二</span>
          <h1 className="xe-brand-name xe-ellipsis">{nickname ?? t('app.name')}</h1>
        </div>
        <ConnectionBadge />
        <span className="xe-spacer" />
        <Button size="small" onClick={() => window.close()}>
          {t('popout.close')}
        </Button>
      </header>
      <ConnectionBanner />
      {openId === null ? (
        <Result
          status="info"
          title={t('popout.ended')}
          subTitle={t('popout.endedHint')}
          data-testid="popout-ended"
          extra={
            <Button type="primary" onClick={() => window.close()}>
              {t('popout.close')}
            </Button>
          }
        />
      ) : (
        <main className="xe-panes xe-panes-popout">
          <ConversationPane />
          <SidePanel />
        </main>
      )}
      <ShortcutsModal />
    </div>
  );
}
