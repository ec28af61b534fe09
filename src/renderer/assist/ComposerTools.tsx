// Extra ways to start a reply: the merchant's macros (filled with this ticket's details) and a
// draft written by the configured LLM, grounded in the knowledge base.
import { EditOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilledMacroDto } from '../../shared/assist-api';
import { api } from '../platform/client';
import { useErrorText } from '../components/useErrorText';

interface Props {
  ticketId: string;
  onInsert: (text: string, suggestionId?: string) => void;
}

export function MacroPicker({ ticketId, onInsert }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [macros, setMacros] = useState<FilledMacroDto[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  // Fetched when opened, so the filled variables reflect the ticket as it is now.
  const load = async (open: boolean) => {
    if (!open) return;
    const r = await api().call('assist.macros', { ticketId });
    if (r.ok) {
      setMacros(r.data);
      setFailed(null);
    } else setFailed(errorText(r.error));
  };

  const sorted = macros ? [...macros].sort((a, b) => Number(b.matchesIntent) - Number(a.matchesIntent)) : [];
  const items = failed
    ? [{ key: 'error', label: t('composer.macrosFailed', { message: failed }), disabled: true }]
    : sorted.length === 0
      ? [{ key: 'empty', label: macros ? t('composer.noMacros') : t('composer.loading'), disabled: true }]
      : sorted.map((m) => ({
          key: m.id,
          label: (
            <div className="xe-macro" data-testid="macro-item">
              <div className="xe-macro-title">
                {m.matchesIntent && <span className="xe-macro-match">●</span>}
                {m.title}
                <span className="xe-muted"> · {m.category}</span>
              </div>
              <div className="xe-macro-text xe-muted">{m.text}</div>
            </div>
          ),
        }));

  return (
    <Dropdown
      trigger={['click']}
      onOpenChange={(o) => void load(o)}
      menu={{
        items,
        className: 'xe-macro-menu',
        onClick: ({ key }) => {
          const m = macros?.find((x) => x.id === key);
          if (m) onInsert(m.text);
        },
      }}
    >
      <Button size="small" type="text" icon={<ThunderboltOutlined />} data-testid="macros-button">
        {t('composer.macros')}
      </Button>
    </Dropdown>
  );
}

export function LlmDraftButton({ ticketId, onInsert }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { message: toast } = App.useApp();
  const [busy, setBusy] = useState(false);
  const draft = async () => {
    setBusy(true);
    const r = await api().call('assist.draft', { ticketId });
    setBusy(false);
    if (!r.ok) {
      toast.warning(t('composer.llmUnavailable', { message: errorText(r.error) }));
      return;
    }
    onInsert(r.data.suggestion.text, r.data.suggestion.id);
  };
  return (
    <Tooltip title={t('composer.llmTip')}>
      <Button
        size="small"
        type="text"
        icon={<EditOutlined />}
        loading={busy}
        onClick={() => void draft()}
        data-testid="llm-draft"
      >
        {t('composer.llmDraft')}
      </Button>
    </Tooltip>
  );
}
