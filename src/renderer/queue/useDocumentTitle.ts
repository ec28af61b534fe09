// "(3) 小二工作台": the unread count in the window title, visible from the taskbar and other tabs.
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { totalUnread } from './ordering';
import { useQueue } from './store';

export function useDocumentTitle(): void {
  const { t } = useTranslation();
  const byId = useQueue((s) => s.byId);
  const unread = useMemo(() => totalUnread(Object.values(byId)), [byId]);
  useEffect(() => {
    const name = t('app.name');
    document.title = unread > 0 ? `(${unread}) ${name}` : name;
  }, [t, unread]);
}
