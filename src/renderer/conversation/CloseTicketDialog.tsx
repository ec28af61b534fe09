// Closing a conversation records its outcome: resolution, note and tags. The core puts the
// outcome in its outbox first, so closing works offline too and syncs later.
import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resolution, Ticket } from '../../shared/domain';
import { useSession } from '../session/store';
import { useConversation } from './store';

const RESOLUTIONS: Resolution[] = ['resolved', 'transferred', 'returned_to_bot', 'pending'];

interface CloseForm {
  resolution: Resolution;
  note: string;
  tags: string[];
}

export function CloseTicketDialog({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const open = useConversation((s) => s.closeDialogOpen);
  const setOpen = useConversation((s) => s.setCloseDialogOpen);
  const closeTicket = useConversation((s) => s.closeTicket);
  const local = useConversation((s) => s.local);
  const [form] = Form.useForm<CloseForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      setError(null);
      // Start from what the agent already noted and tagged while working the ticket.
      const tags = [...new Set([...ticket.tags, ...(local?.tags ?? [])])];
      form.setFieldsValue({ resolution: 'resolved', note: local?.note ?? '', tags });
    }
  }, [open, form, ticket.tags, local]);

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    const err = await closeTicket({
      resolution: values.resolution,
      note: values.note ?? '',
      tags: values.tags ?? [],
    });
    setBusy(false);
    if (err) {
      setError(t('close.failed', { message: err.message }));
      return;
    }
    // Offline, the outcome waits in the outbox: say so rather than claim the platform has it.
    toast.success(useSession.getState().state?.phase === 'online' ? t('close.done') : t('close.doneQueued'));
  };

  return (
    <Modal
      open={open}
      title={t('close.title')}
      okText={t('close.submit')}
      cancelText={t('close.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => setOpen(false)}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'close-confirm' } as Record<string, string>}
      data-testid="close-dialog"
    >
      <Form<CloseForm> form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="resolution" label={t('close.resolution')} rules={[{ required: true }]}>
          <Radio.Group data-testid="close-resolution">
            {RESOLUTIONS.map((r) => (
              <Radio.Button key={r} value={r} data-testid={`resolution-${r}`}>
                {t(`close.resolutionName.${r}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="note" label={t('close.note')}>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={t('close.notePlaceholder')}
            data-testid="close-note"
          />
        </Form.Item>
        <Form.Item name="tags" label={t('close.tags')}>
          <Select
            mode="tags"
            placeholder={t('close.tagsPlaceholder')}
            maxCount={32}
            open={false}
            suffixIcon={null}
            data-testid="close-tags"
          />
        </Form.Item>
      </Form>
      {error && (
        <div className="xe-error-text" data-testid="close-error">
          {error}
        </div>
      )}
    </Modal>
  );
}
