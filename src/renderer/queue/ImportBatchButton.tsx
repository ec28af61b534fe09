// Offline triage: load a ticket batch exported from the platform into the local queue. Bad entries are
// listed with their position; the rest are kept.
import { ImportOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { memo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../platform/client';
import { sendFileToCore } from '../platform/files';
import { useErrorText } from '../components/useErrorText';

export const ImportBatchButton = memo(function ImportBatchButton() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { message, modal } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  const onFile = async (file: File) => {
    setBusy(true);
    try {
      // The file goes as a path or an upload, never inside a bridge frame (an export with photos is big).
      const sent = await sendFileToCore(file);
      const r = sent.ok ? await api().call('tickets.importBatch', sent.data) : sent;
      if (!r.ok) {
        message.error(t('queue.importFailed', { message: errorText(r.error) }));
        return;
      }
      const { imported, alreadyHere, errors, otherAgent } = r.data;
      const summary = t('queue.importDone', { imported, alreadyHere });
      if (errors.length === 0 && !otherAgent) {
        message.success(summary);
        return;
      }
      modal.warning({
        title: summary,
        content: (
          <div data-testid="import-report">
            {otherAgent && <p>{t('queue.importOtherAgent', { agent: otherAgent })}</p>}
            {errors.map((e) => (
              <div key={e.index}>
                {t('queue.importBadEntry', { index: e.index + 1, id: e.ticketId ?? '?', reason: e.reason })}
              </div>
            ))}
          </div>
        ),
      });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <Tooltip title={t('queue.importHint')}>
        <Button
          size="small"
          type="text"
          icon={<ImportOutlined />}
          loading={busy}
          onClick={() => input.current?.click()}
          data-testid="import-batch"
        >
          {t('queue.import')}
        </Button>
      </Tooltip>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="import-batch-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void onFile(file);
        }}
      />
    </>
  );
});
