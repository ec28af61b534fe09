// The signed-in workspace: top bar, then queue | conversation | side panel.
import { useEffect } from 'react';
import { ConversationPane } from '../conversation/ConversationPane';
import { useConversation } from '../conversation/store';
import { QueuePanel } from '../queue/QueuePanel';
import { useDocumentTitle } from '../queue/useDocumentTitle';
import { useWaitingReminder } from '../queue/useWaitingReminder';
import { useQueue } from '../queue/store';
import { LeadConsole } from '../lead/LeadConsole';
import { ConnectionBanner } from '../session/ConnectionBadge';
import { PresenceBanner } from '../session/PresenceSwitch';
import { useSession } from '../session/store';
import { useSettings } from '../settings/store';
import { DatabaseRecoveryNotice } from './DatabaseRecoveryNotice';
import { ShortcutsModal } from './ShortcutsModal';
import { SidePanel } from './SidePanel';
import { TopBar } from './TopBar';
import { useGlobalShortcuts } from './useGlobalShortcuts';

export function Workspace() {
  const load = useQueue((s) => s.load);
  const reset = useQueue((s) => s.reset);
  const role = useSession((s) => s.state?.agent?.role ?? 'agent');
  const mode = useSettings((s) => s.mode);
  const leadView = mode === 'lead' && role !== 'agent';
  useDocumentTitle();
  useWaitingReminder();
  useGlobalShortcuts();

  useEffect(() => {
    void load();
    // Signing out leaves nothing of the previous agent's work on screen.
    return () => {
      reset();
      useConversation.getState().reset();
    };
  }, [load, reset]);

  return (
    <div className="xe-workspace">
      <TopBar />
      <ConnectionBanner />
      <PresenceBanner />
      <DatabaseRecoveryNotice />
      {/* The agent desk stays mounted under the lead console, so switching back keeps the open
          conversation, its scroll position and the draft. */}
      <main className="xe-panes" hidden={leadView}>
        <QueuePanel />
        <ConversationPane />
        <SidePanel />
      </main>
      {leadView && <LeadConsole />}
      <ShortcutsModal />
    </div>
  );
}
