// Above the timeline of a long ticket: the hub sent its recent part; this loads the older part page by
// page (Alt+PageUp from anywhere in the conversation, too).
import { HistoryOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { memo, useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useConversation } from './store';
import { useErrorText } from '../components/useErrorText';

export const EarlierMessagesBar = memo(function EarlierMessagesBar() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { message: toast } = App.useApp();
  const count = useConversation((s) => s.earlierMessages);
  const loading = useConversation((s) => s.loadingEarlier);
  const loadEarlier = useConversation((s) => s.loadEarlier);

  const load = useCallback(() => {
    void loadEarlier().then((err) => {
      if (err) void toast.error(t('earlier.failed', { message: errorText(err) }));
    });
  }, [loadEarlier, toast, t, errorText]);

  useEffect(() => {
    if (count === 0) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.key === 'PageUp') {
        e.preventDefault();
        load();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count, load]);

  if (count === 0) return null;
  return (
    <div className="xe-earlier" data-testid="earlier-messages">
      <Button size="small" type="link" icon={<HistoryOutlined />} loading={loading} onClick={load}>
        {loading ? t('earlier.loading') : t('earlier.load', { count })}
      </Button>
    </div>
  );
});
