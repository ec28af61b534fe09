// The lead's view of every open ticket on the hub, grouped by the agent holding it, with the SLA
// countdown and how long the customer has waited, and "reassign" to a named agent or the best one.
import { DownOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, App, Button, Dropdown, Empty, Select, Tag, type MenuProps } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamSnapshot, TeamTicketView } from '../../shared/api';
import { IntentTag, PriorityTag, SlaCountdown } from '../components/TicketTags';
import { useNow } from '../components/useNow';
import { formatDuration } from '../i18n/format';
import { useLead } from './store';
import { groupTickets, QUEUED, reassignTargets, type TicketGroup } from './teamTickets';
import { useErrorText } from '../components/useErrorText';

const BEST = '__best__';

export function TeamTickets() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const team = useLead((s) => s.team);
  const tickets = useLead((s) => s.tickets);
  const error = useLead((s) => s.ticketsError);
  const filter = useLead((s) => s.agentFilter);
  const setFilter = useLead((s) => s.setAgentFilter);
  const loadTickets = useLead((s) => s.loadTickets);
  const snapshotAt = team?.at;

  // Every team:snapshot means loads may have moved: fetch the list again while this view is open.
  useEffect(() => {
    void loadTickets();
  }, [loadTickets, snapshotAt]);

  const groups = useMemo(() => groupTickets(tickets ?? [], team, filter), [tickets, team, filter]);
  const filterOptions = [
    { value: 'all', label: t('lead.tickets.allAgents') },
    { value: QUEUED, label: t('lead.tickets.queuedGroup') },
    ...(team?.agents ?? []).map((a) => ({ value: a.id, label: a.name })),
  ];

  return (
    <section className="xe-pane xe-conversation" data-testid="team-tickets">
      <div className="xe-pane-head">
        <span className="xe-pane-title">{t('lead.tickets.title')}</span>
        {tickets && <span className="xe-muted">{t('lead.tickets.count', { count: tickets.length })}</span>}
        <span className="xe-spacer" />
        <Select
          size="small"
          className="xe-tt-filter"
          value={filter}
          onChange={setFilter}
          options={filterOptions}
          aria-label={t('lead.tickets.filterLabel')}
          data-testid="team-tickets-filter"
        />
      </div>
      {error && (
        <Alert
          className="xe-pane-alert"
          type="warning"
          showIcon
          title={t('lead.tickets.loadFailed', { message: errorText(error) })}
          data-testid="team-tickets-error"
        />
      )}
      <div className="xe-scroll xe-tt">
        {groups.length === 0 ? (
          <Empty
            className="xe-empty"
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('lead.tickets.none')}
          />
        ) : (
          groups.map((g) => <Group key={g.agentId ?? QUEUED} group={g} team={team} />)
        )}
      </div>
    </section>
  );
}

function Group({ group, team }: { group: TicketGroup; team: TeamSnapshot | null }) {
  const { t } = useTranslation();
  const agent = team?.agents.find((a) => a.id === group.agentId);
  return (
    <div className="xe-tt-group" data-testid="team-ticket-group" data-agent-id={group.agentId ?? QUEUED}>
      <div className="xe-tt-group-head">
        {agent && <span className={`xe-dot xe-dot-${agent.status}`} />}
        <span className="xe-side-title">
          {group.agentId === null ? t('lead.tickets.queuedGroup') : group.name}
        </span>
        {agent && (
          <span className="xe-muted">
            {t(`lead.status.${agent.status}`)} · {agent.load}/{agent.capacity}
          </span>
        )}
        <span className="xe-spacer" />
        <span className="xe-muted">{t('lead.tickets.holding', { count: group.tickets.length })}</span>
      </div>
      {group.agentId === null && <div className="xe-muted xe-tt-hint">{t('lead.tickets.queuedHint')}</div>}
      {group.tickets.map((ticket) => (
        <Row key={ticket.id} ticket={ticket} team={team} />
      ))}
    </div>
  );
}

function Row({ ticket, team }: { ticket: TeamTicketView; team: TeamSnapshot | null }) {
  const { t } = useTranslation();
  const selected = useLead((s) => s.preview?.ticketId === ticket.id);
  const openPreview = useLead((s) => s.openPreview);
  // The whole row opens the conversation for the mouse; the name is the keyboard's button.
  return (
    <div
      className={selected ? 'xe-tt-row is-selected' : 'xe-tt-row'}
      data-testid="team-ticket"
      data-ticket-id={ticket.id}
      data-agent-id={ticket.assignedTo ?? QUEUED}
      onClick={() => void openPreview(ticket.id)}
    >
      <div className="xe-qrow-line">
        <button
          type="button"
          className="xe-link-button xe-qrow-name"
          aria-pressed={selected}
          data-testid="team-ticket-open"
          onClick={(e) => {
            e.stopPropagation();
            void openPreview(ticket.id);
          }}
        >
          {ticket.customerNickname}
        </button>
        <Waiting since={ticket.waitingSince} />
        <SlaCountdown dueAt={ticket.slaDueAt} />
      </div>
      <div className="xe-qrow-line">
        <span className="xe-qrow-tags xe-grow">
          <IntentTag intent={ticket.intent} />
          <PriorityTag priority={ticket.priority} />
          <Tag className="xe-tag">{t(`status.${ticket.status}`)}</Tag>
        </span>
        {ticket.assignedTo !== null && (
          <span onClick={(e) => e.stopPropagation()}>
            <ReassignButton ticket={ticket} team={team} />
          </span>
        )}
      </div>
    </div>
  );
}

function Waiting({ since }: { since: number | null }) {
  const { t } = useTranslation();
  const now = useNow();
  if (since === null) return <span className="xe-muted xe-tt-wait">{t('lead.tickets.answered')}</span>;
  return (
    <span className="xe-muted xe-tt-wait" data-testid="team-ticket-waiting">
      {t('lead.tickets.waiting', { time: formatDuration(Math.max(0, now - since)) })}
    </span>
  );
}

function ReassignButton({ ticket, team }: { ticket: TeamTicketView; team: TeamSnapshot | null }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { message: toast } = App.useApp();
  const reassign = useLead((s) => s.reassign);
  const busy = useLead((s) => s.reassigningId === ticket.id);
  if (ticket.reassignPending)
    return (
      <Tag color="processing" className="xe-tag" data-testid="reassign-pending">
        {t('lead.tickets.pending')}
      </Tag>
    );
  const targets = reassignTargets(team, ticket.assignedTo);
  const items: MenuProps['items'] = [
    {
      key: BEST,
      disabled: targets.length === 0,
      label: (
        <span data-testid="reassign-option" data-agent-id="best">
          {t('lead.tickets.best')}
        </span>
      ),
    },
    { type: 'divider' },
    ...(targets.length === 0
      ? [{ key: 'none', disabled: true, label: t('lead.tickets.noTarget') }]
      : targets.map((a) => ({
          key: a.id,
          label: (
            <span data-testid="reassign-option" data-agent-id={a.id}>
              {a.name}{' '}
              <span className="xe-muted">
                {a.load}/{a.capacity}
              </span>
            </span>
          ),
        }))),
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    void reassign(ticket.id, key === BEST ? undefined : key).then((err) => {
      if (err) toast.error(t('lead.tickets.reassignFailed', { message: errorText(err) }));
      else toast.success(t('lead.tickets.reassignDone'));
    });
  };
  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']}>
      <Button size="small" icon={<SwapOutlined />} loading={busy} data-testid="reassign-button">
        {t('lead.tickets.reassign')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
