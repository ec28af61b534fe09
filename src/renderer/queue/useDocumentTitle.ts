// "(3) 小二工作台": the unread count in the window title, visible from the taskbar and other tabs.
// Written from a store subscription, not from a render: every queue change would otherwise re-render
// the component that calls this hook (the whole workspace).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { totalUnread } from './ordering';
import { useQueue } from './store';

export function useDocumentTitle(): void {
  const { t } = useTranslation();
  useEffect(() => {
    const name = t('app.name');
    let shown: string | null = null;
    const update = (byId: ReturnType<typeof useQueue.getState>['byId']) => {
      const unread = totalUnread(Object.values(byId));
      const title = unread > 0 ? `(${unread}) ${name}` : name;
      if (title === shown) return;
      shown = title;
      document.title = title;
    };
    update(useQueue.getState().byId);
    return useQueue.subscribe((s, prev) => {
      if (s.byId !== prev.byId) update(s.byId);
    });
  }, [t]);
}
