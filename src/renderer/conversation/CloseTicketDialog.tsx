// Closing a conversation records its outcome: resolution, note and tags. The core puts the
// outcome in its outbox first, so closing works offline too and syncs later.
import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { memo, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resolution, Ticket } from '../../shared/domain';
import { SYSTEM_TAGS, systemTagCode, tagLabel, type SystemTagCode } from '../../shared/system-texts';
import { useSession } from '../session/store';
import { useSettings } from '../settings/store';
import { useConversation } from './store';
import { useErrorText } from '../components/useErrorText';

const RESOLUTIONS: Resolution[] = ['resolved', 'transferred', 'returned_to_bot', 'pending'];

/**
 * Hub tags that describe how the handling went and so start the outcome's tags. Context tags (the
 * customer's value, region; "the AI tried first", which says nothing of who resolved it) do not.
 */
const OUTCOME_SYSTEM_TAGS: ReadonlySet<SystemTagCode> = new Set(['sla_breached']);

/** The agent's own tags, plus the hub's outcome-relevant ones as codes (shown in words). */
export function initialCloseTags(ticketTags: readonly string[], localTags: readonly string[]): string[] {
  const fromHub = ticketTags
    .map(systemTagCode)
    .filter((c): c is SystemTagCode => c !== undefined && OUTCOME_SYSTEM_TAGS.has(c));
  return [...new Set([...localTags, ...fromHub])];
}

interface CloseForm {
  resolution: Resolution;
  note: string;
  tags: string[];
}

export const CloseTicketDialog = memo(function CloseTicketDialog({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { message: toast, modal } = App.useApp();
  const lang = useSettings((s) => s.language);
  const [resolution, setResolution] = useState<Resolution>('resolved');
  // Codes render as words in the chips; what the agent types stays as typed.
  const tagOptions = useMemo(
    () => (Object.keys(SYSTEM_TAGS) as SystemTagCode[]).map((c) => ({ value: c, label: tagLabel(c, lang) })),
    [lang],
  );
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
      const tags = initialCloseTags(ticket.tags, local?.tags ?? []);
      form.setFieldsValue({ resolution: 'resolved', note: local?.note ?? '', tags });
      setResolution('resolved');
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
      setError(t('close.failed', { message: errorText(err) }));
      return;
    }
    // Offline, the outcome waits in the outbox: say so rather than claim the platform has it.
    const online = useSession.getState().state?.phase === 'online';
    if (values.resolution === 'pending') toast.success(t('handling.doneParked'));
    else toast.success(online ? t('close.done') : t('close.doneQueued'));
  };

  // Esc (also inside the tag field), the ✕ and Cancel all come here: typed work is not thrown away
  // without asking, and "keep editing" is the default.
  const cancel = () => {
    if (!form.isFieldsTouched(['note', 'tags'])) {
      setOpen(false);
      return;
    }
    modal.confirm({
      title: t('handling.discardTitle'),
      content: t('handling.discardBody'),
      okText: t('handling.discard'),
      okButtonProps: { danger: true },
      cancelText: t('handling.keepEditing'),
      autoFocusButton: 'cancel',
      onOk: () => setOpen(false),
    });
  };

  return (
    <Modal
      open={open}
      title={t('close.title')}
      okText={t('close.submit')}
      cancelText={t('close.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={cancel}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'close-confirm' } as Record<string, string>}
      data-testid="close-dialog"
    >
      <Form<CloseForm> form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="resolution" label={t('close.resolution')} rules={[{ required: true }]}>
          <Radio.Group
            data-testid="close-resolution"
            onChange={(e) => setResolution(e.target.value as Resolution)}
          >
            {RESOLUTIONS.map((r) => (
              <Radio.Button key={r} value={r} data-testid={`resolution-${r}`}>
                {t(`close.resolutionName.${r}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {resolution === 'pending' && (
          <div className="xe-muted" data-testid="close-pending-hint">
            {t('handling.pendingHint')}
          </div>
        )}
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
            options={tagOptions}
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
});
