// The team lead's console: conflict escalations to decide, the team's open tickets to read and
// reassign, or the feedback loop's figures (left, centre; switched by the tabs on top), and the team
// live (right).
import { Empty, Progress, Segmented, Spin, Tag } from 'antd';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../i18n/format';
import { useSettings } from '../settings/store';
import { ConflictDetail, SEVERITY_COLORS } from './ConflictDetail';
import { conflictTitle } from './conflict-words';
import { sortConflicts, useLead, type ConflictFilter, type LeadView } from './store';
import { TeamTicketPreview } from './TeamTicketPreview';
import { TeamTickets } from './TeamTickets';

// The charts library is only needed here: loaded when a lead opens the insights, not by every agent.
const Insights = lazy(() => import('./Insights').then((m) => ({ default: m.Insights })));

export function LeadConsole() {
  const load = useLead((s) => s.load);
  const loadTeam = useLead((s) => s.loadTeam);
  const selectedId = useLead((s) => s.selectedId);
  const selected = useLead((s) => (s.selectedId ? (s.conflicts[s.selectedId] ?? null) : null));
  const view = useLead((s) => s.view);

  useEffect(() => {
    void load();
    void loadTeam();
  }, [load, loadTeam]);

  return (
    <div className="xe-lead" data-testid="lead-console" data-view={view}>
      <LeadTabs />
      <main className="xe-panes">
        {view === 'insights' ? (
          <Suspense fallback={<Spin className="xe-center xe-insights" />}>
            <Insights />
          </Suspense>
        ) : view === 'tickets' ? (
          <>
            <TeamTickets />
            <TeamTicketPreview />
          </>
        ) : (
          <>
            <ConflictList />
            <section className="xe-pane xe-conversation" data-selected={selectedId ?? undefined}>
              <ConflictDetail conflict={selected} />
            </section>
          </>
        )}
        <TeamPanel />
      </main>
    </div>
  );
}

function LeadTabs() {
  const { t } = useTranslation();
  const view = useLead((s) => s.view);
  const setView = useLead((s) => s.setView);
  const openCount = useLead((s) => Object.values(s.conflicts).filter((c) => c.status === 'open').length);
  return (
    <nav className="xe-lead-tabs" aria-label={t('lead.view.label')}>
      <Segmented<LeadView>
        size="small"
        value={view}
        onChange={setView}
        data-testid="lead-view"
        options={[
          {
            value: 'conflicts',
            label: (
              <span data-testid="lead-view-conflicts">
                {t('lead.view.conflicts')}
                {openCount > 0 && ` · ${openCount}`}
              </span>
            ),
          },
          {
            value: 'tickets',
            label: <span data-testid="lead-view-tickets">{t('lead.view.tickets')}</span>,
          },
          {
            value: 'insights',
            label: <span data-testid="lead-view-insights">{t('lead.view.insights')}</span>,
          },
        ]}
      />
    </nav>
  );
}

function ConflictList() {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  const conflicts = useLead((s) => s.conflicts);
  const filter = useLead((s) => s.filter);
  const setFilter = useLead((s) => s.setFilter);
  const selectedId = useLead((s) => s.selectedId);
  const select = useLead((s) => s.select);
  const list = useMemo(
    () => sortConflicts(Object.values(conflicts)).filter((c) => filter === 'all' || c.status === filter),
    [conflicts, filter],
  );
  const openCount = useMemo(
    () => Object.values(conflicts).filter((c) => c.status === 'open').length,
    [conflicts],
  );

  return (
    <section className="xe-pane" data-testid="conflict-list">
      <div className="xe-pane-head">
        <span className="xe-pane-title">{t('lead.conflicts')}</span>
        <span className="xe-muted">{t('lead.openCount', { count: openCount })}</span>
      </div>
      <div className="xe-queue-filters">
        <Segmented<ConflictFilter>
          size="small"
          block
          className="xe-grow"
          value={filter}
          onChange={setFilter}
          options={(['open', 'resolved', 'all'] as const).map((f) => ({
            value: f,
            label: t(`lead.filter.${f}`),
          }))}
        />
      </div>
      <div className="xe-scroll">
        {list.length === 0 ? (
          <Empty className="xe-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lead.none')} />
        ) : (
          list.map((c) => (
            <div
              key={c.id}
              role="option"
              aria-selected={c.id === selectedId}
              className={c.id === selectedId ? 'xe-qrow xe-crow is-open' : 'xe-qrow xe-crow'}
              onClick={() => select(c.id)}
              data-testid="conflict-item"
              data-conflict-id={c.id}
              data-status={c.status}
            >
              <div className="xe-qrow-line">
                <Tag className="xe-tag" color={SEVERITY_COLORS[c.severity]}>
                  {t(`guard.severity.${c.severity}`)}
                </Tag>
                <span className="xe-qrow-name">{conflictTitle(c, lang)}</span>
                <span className="xe-qrow-time">{formatTime(c.raisedAt, lang)}</span>
              </div>
              <div className="xe-qrow-preview">
                {t(`action.${c.sides[0].type}`)} ⇄ {t(`action.${c.sides[1].type}`)} ·{' '}
                {c.status === 'open' ? t('lead.filter.open') : t('lead.filter.resolved')}
                {c.context.customerNickname ? ` · ${c.context.customerNickname}` : ''}
              </div>
            </div>
          ))
        )}
      </div>
    </section>
  );
}

function TeamPanel() {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  const team = useLead((s) => s.team);
  return (
    <aside className="xe-pane xe-side" data-testid="team-panel">
      <div className="xe-pane-head">
        <span className="xe-pane-title">{t('lead.team')}</span>
        {team && <span className="xe-muted">{t('lead.queued', { count: team.queued })}</span>}
      </div>
      <div className="xe-scroll xe-team">
        {!team ? (
          <Empty className="xe-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lead.noTeam')} />
        ) : (
          <>
            {team.agents.map((a) => (
              <div key={a.id} className="xe-team-row" data-testid="team-agent" data-status={a.status}>
                <div className="xe-team-name">
                  <span className={`xe-dot xe-dot-${a.status}`} />
                  <span className="xe-ellipsis">{a.name}</span>
                  <span className="xe-muted">{t(`lead.status.${a.status}`)}</span>
                </div>
                <Progress
                  size="small"
                  percent={Math.round((a.load / a.capacity) * 100)}
                  format={() => `${a.load}/${a.capacity}`}
                  status={a.load >= a.capacity ? 'exception' : 'normal'}
                  aria-label={t('lead.loadOf', { name: a.name, load: a.load, capacity: a.capacity })}
                />
              </div>
            ))}
            <div className="xe-muted xe-team-at">
              {t('lead.updated', { time: formatTime(team.at, lang) })}
            </div>
          </>
        )}
      </div>
    </aside>
  );
}
