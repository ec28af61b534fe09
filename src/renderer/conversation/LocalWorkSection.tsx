// "My handling": the agent's own priority, tags and note for this ticket. The core keeps them on
// this machine (so they work offline) and they travel with the outcome when the ticket is closed.
import { App, Input, Select } from 'antd';
import { memo, useDeferredValue, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalWork } from '../../shared/api';
import type { Ticket } from '../../shared/domain';
import { useConversation } from './store';
import { useErrorText } from '../components/useErrorText';

/**
 * Deferred like the rest of the side panel: the local work is reset when a ticket is opened and
 * arrives just after its conversation, and neither may hold the messages off the screen (the tag
 * select is costly to render). The store is read here and the section is a memoised child, so the
 * urgent render of those changes stops at this wrapper.
 */
export function LocalWorkSection({ ticket }: { ticket: Ticket }) {
  const local = useDeferredValue(useConversation((s) => s.local));
  return <LocalWorkBody ticket={ticket} local={local} />;
}

const LocalWorkBody = memo(function LocalWorkBody({
  ticket,
  local,
}: {
  ticket: Ticket;
  local: LocalWork | null;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { message: toast } = App.useApp();
  const saveLocal = useConversation((s) => s.saveLocal);
  const [note, setNote] = useState('');

  useEffect(() => {
    setNote(local?.note ?? '');
  }, [local?.note, ticket.id]);

  const save = async (patch: Parameters<typeof saveLocal>[0]) => {
    const err = await saveLocal(patch);
    if (err) toast.error(t('local.failed', { message: errorText(err) }));
  };

  if (!local) return null;
  return (
    <section className="xe-side-section" data-testid="local-work">
      <div className="xe-side-head">
        <span className="xe-side-title">{t('local.title')}</span>
        <span className="xe-muted">{t('local.hint')}</span>
      </div>
      <div className="xe-local-grid">
        <span className="xe-muted">{t('local.priority')}</span>
        <Select<number | 'hub'>
          size="small"
          value={local.priority ?? 'hub'}
          onChange={(v) => void save({ priority: v === 'hub' ? null : v })}
          data-testid="local-priority"
          aria-label={t('local.priority')}
          options={[
            { value: 'hub', label: t('local.followHub', { priority: ticket.priority }) },
            ...[1, 2, 3, 4].map((p) => ({
              value: p,
              label: `P${p} · ${t(`queue.priorityName.${String(p) as '1' | '2' | '3' | '4'}`)}`,
            })),
          ]}
        />
        <span className="xe-muted">{t('local.tags')}</span>
        <Select
          size="small"
          mode="tags"
          aria-label={t('local.tags')}
          value={local.tags}
          onChange={(tags: string[]) =>
            void save({
              tags: tags
                .map((x) => x.trim())
                .filter(Boolean)
                .slice(0, 32),
            })
          }
          placeholder={t('close.tagsPlaceholder')}
          open={false}
          suffixIcon={null}
          data-testid="local-tags"
        />
        <span className="xe-muted">{t('local.note')}</span>
        <Input.TextArea
          size="small"
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          onBlur={() => {
            if (note !== local.note) void save({ note });
          }}
          placeholder={t('local.notePlaceholder')}
          data-testid="local-note"
        />
      </div>
    </section>
  );
});
