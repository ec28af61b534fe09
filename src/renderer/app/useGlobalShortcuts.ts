// Workspace-wide keys (Gmail-style single letters, off while typing). Keys that belong to the
// composer (Ctrl+Enter, Alt+1…3, Tab) are handled by the composer itself.
import { useEffect } from 'react';
import { COMPOSER_INPUT_ID } from '../assist/Composer';
import { useConversation } from '../conversation/store';
import { openPopout, popoutTicketId } from '../platform/popout';
import { moveSelection } from '../queue/ordering';
import { QUEUE_SEARCH_ID } from '../queue/QueuePanel';
import { useQueue } from '../queue/store';
import { currentVisibleIds } from '../queue/useVisibleTickets';
import { useSettings } from '../settings/store';
import { isTypingTarget } from './shortcuts';

function anyModalOpen(): boolean {
  return document.querySelector('.ant-modal-wrap:not([style*="display: none"]) .ant-modal') !== null;
}

export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return; // IME composition owns Enter and letters
      const conv = useConversation.getState();
      if (e.ctrlKey && e.shiftKey && e.key.toLowerCase() === 'd') {
        if (conv.ticket) {
          e.preventDefault();
          conv.setCloseDialogOpen(true);
        }
        return;
      }
      if (e.ctrlKey && e.shiftKey && e.key.toLowerCase() === 'o') {
        // Pop the conversation out (main window only; a pop-out already is one).
        if (conv.ticket && popoutTicketId() === null) {
          e.preventDefault();
          if (openPopout(conv.ticket.id)) conv.closeView();
        }
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTypingTarget(e.target) || anyModalOpen()) return;

      const queue = useQueue.getState();
      const move = (delta: number) => {
        e.preventDefault();
        queue.select(moveSelection(currentVisibleIds(), queue.selectedId, delta));
      };
      // Arrows scroll whatever has focus (the timeline, a list); they drive the queue only from
      // the queue itself or when nothing in particular is focused. j/k work everywhere.
      const arrowsForQueue = e.target === document.body || isInQueue(e.target);
      switch (e.key) {
        case 'j':
          move(1);
          break;
        case 'k':
          move(-1);
          break;
        case 'ArrowDown':
          if (arrowsForQueue) move(1);
          break;
        case 'ArrowUp':
          if (arrowsForQueue) move(-1);
          break;
        case 'Enter':
          if (queue.selectedId && arrowsForQueue) {
            e.preventDefault();
            void conv.open(queue.selectedId);
          }
          break;
        case '/':
          e.preventDefault();
          document.getElementById(QUEUE_SEARCH_ID)?.focus();
          break;
        case 'r':
          if (conv.ticket) {
            e.preventDefault();
            document.getElementById(COMPOSER_INPUT_ID)?.focus();
          }
          break;
        case '?':
          e.preventDefault();
          useSettings.getState().setShortcutsOpen(true);
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function isInQueue(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('[data-testid="queue-panel"]') !== null;
}
