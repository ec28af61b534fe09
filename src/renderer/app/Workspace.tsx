// The signed-in workspace: top bar, then queue | conversation | side panel.
import { useEffect } from 'react';
import { ConversationPane } from '../conversation/ConversationPane';
import { useConversation } from '../conversation/store';
import { QueuePanel } from '../queue/QueuePanel';
import { useDocumentTitle } from '../queue/useDocumentTitle';
import { useQueue } from '../queue/store';
import { ConnectionBanner } from '../session/ConnectionBadge';
import { ShortcutsModal } from './ShortcutsModal';
import { SidePanel } from './SidePanel';
import { TopBar } from './TopBar';
import { useGlobalShortcuts } from './useGlobalShortcuts';

export function Workspace() {
  const load = useQueue((s) => s.load);
  const reset = useQueue((s) => s.reset);
  useDocumentTitle();
  useGlobalShortcuts();

  useEffect(() => {
    void load();
    // Signing out leaves nothing of the previous agent's work on screen.
    return () => {
      reset();
      useConversation.getState().closeView();
    };
  }, [load, reset]);

  return (
    <div className="xe-workspace">
      <TopBar />
      <ConnectionBanner />
      <main className="xe-panes">
        <QueuePanel />
        <ConversationPane />
        <SidePanel />
      </main>
      <ShortcutsModal />
    </div>
  );
}
