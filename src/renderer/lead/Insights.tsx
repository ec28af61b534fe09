// The feedback loop made visible to the lead: how the escalated tickets ended, how fast, how the
// customers rated it, which AI suggestions agents actually use (and how much they rewrite them),
// and where humans resolve or hand back. Figures come live from the hub (`team.metrics`).
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Select, Statistic, theme } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TeamMetrics } from '../../shared/api';
import type { Intent } from '../../shared/domain';
import { INTENT_IDS } from '../../shared/intents';
import { formatDuration, formatTime } from '../i18n/format';
import { intentLabel } from '../i18n';
import { useSettings } from '../settings/store';
import { intentRows, resolvedShare, sourceRows } from './insights';
import { useLead } from './store';
import { useErrorText } from '../components/useErrorText';

const REFRESH_MS = 15_000;
/** Legend in the bars' order: used as written, then edited, then not used. */
const STACK_ORDER = ['asIs', 'edited', 'ignored'];
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

export function Insights() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const lang = useSettings((s) => s.language);
  const metrics = useLead((s) => s.metrics);
  const load = useLead((s) => s.loadMetrics);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const m = metrics.data;
  const intentOptions = useMemo(
    () => [
      { value: 'all', label: t('lead.insights.allIntents') },
      ...INTENT_IDS.map((id) => ({ value: id, label: intentLabel(id, lang) })),
    ],
    [t, lang],
  );

  return (
    <section className="xe-pane xe-conversation xe-insights" data-testid="insights">
      <div className="xe-pane-head">
        <span className="xe-pane-title">{t('lead.insights.title')}</span>
        {metrics.at && (
          <span className="xe-muted">{t('lead.updated', { time: formatTime(metrics.at, lang) })}</span>
        )}
        <span className="xe-spacer" />
        <Select
          size="small"
          className="xe-tt-filter"
          value={metrics.intent ?? 'all'}
          options={intentOptions}
          onChange={(v: string) => void load(v === 'all' ? null : (v as Intent))}
          aria-label={t('lead.insights.intentFilter')}
          data-testid="insights-intent"
        />
        <Button
          size="small"
          type="text"
          icon={<ReloadOutlined />}
          aria-label={t('lead.preview.refresh')}
          onClick={() => void load()}
        />
      </div>
      {metrics.error && (
        <Alert
          className="xe-pane-alert"
          type="warning"
          showIcon
          title={t('lead.insights.failed', { message: errorText(metrics.error) })}
        />
      )}
      <div className="xe-scroll xe-insights-body">
        {!m || m.outcomes === 0 ? (
          <Empty
            className="xe-empty"
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('lead.insights.none')}
          />
        ) : (
          <>
            <div className="xe-kpis" data-testid="insights-kpis">
              <Statistic title={t('lead.insights.outcomes')} value={m.outcomes} />
              <Statistic title={t('lead.insights.resolved')} value={pct(resolvedShare(m))} />
              <Statistic title={t('lead.insights.handleTime')} value={formatDuration(m.avgHandleTimeMs)} />
              <Statistic
                title={t('lead.insights.firstResponse')}
                value={m.avgFirstResponseMs === null ? '—' : formatDuration(m.avgFirstResponseMs)}
              />
              <Statistic
                title={t('lead.insights.csat')}
                value={m.csatAvg === null ? '—' : m.csatAvg.toFixed(2)}
              />
              <Statistic
                title={t('lead.insights.marketing')}
                value={m.marketing.sent ? pct(m.marketing.converted / m.marketing.sent) : '—'}
                suffix={
                  m.marketing.sent ? (
                    <span className="xe-muted xe-kpi-sub">{`${m.marketing.converted}/${m.marketing.sent}`}</span>
                  ) : null
                }
              />
            </div>
            <AdoptionChart metrics={m} />
            <ResolutionChart metrics={m} />
          </>
        )}
      </div>
    </section>
  );
}

function AdoptionChart({ metrics }: { metrics: TeamMetrics }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const rows = sourceRows(metrics).map((r) => ({ ...r, name: t(`composer.source.${r.source}`, r.source) }));
  if (!rows.length) return null;
  return (
    <figure className="xe-chart" data-testid="insights-adoption">
      <figcaption className="xe-side-title">{t('lead.insights.adoptionTitle')}</figcaption>
      <p className="xe-muted xe-chart-note">
        {rows
          .map((r) =>
            t('lead.insights.adoptionNote', {
              name: r.name,
              rate: pct(r.adoption),
              edit: r.avgEditDistance === null ? '—' : r.avgEditDistance,
            }),
          )
          .join('；')}
      </p>
      <ResponsiveContainer width="100%" height={40 + rows.length * 36}>
        <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 16 }}>
          <CartesianGrid horizontal={false} stroke={token.colorBorderSecondary} />
          <XAxis type="number" allowDecimals={false} stroke={token.colorTextSecondary} fontSize={12} />
          <YAxis type="category" dataKey="name" width={104} stroke={token.colorTextSecondary} fontSize={12} />
          <Tooltip contentStyle={{ background: token.colorBgElevated, borderColor: token.colorBorder }} />
          <Legend
            wrapperStyle={{ fontSize: 12 }}
            itemSorter={(item) => STACK_ORDER.indexOf(String(item.dataKey))}
            formatter={(value: string) => <span style={{ color: token.colorText }}>{value}</span>}
          />
          <Bar dataKey="asIs" stackId="s" name={t('lead.insights.asIs')} fill={token.colorSuccess} />
          <Bar dataKey="edited" stackId="s" name={t('lead.insights.edited')} fill={token.colorWarning} />
          <Bar
            dataKey="ignored"
            stackId="s"
            name={t('lead.insights.ignored')}
            fill={token.colorTextQuaternary}
          />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

function ResolutionChart({ metrics }: { metrics: TeamMetrics }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  const { token } = theme.useToken();
  const rows = intentRows(metrics).map((r) => ({
    ...r,
    name: INTENT_IDS.includes(r.intent as Intent) ? intentLabel(r.intent as Intent, lang) : r.intent,
  }));
  return (
    <figure className="xe-chart" data-testid="insights-resolution">
      <figcaption className="xe-side-title">{t('lead.insights.resolutionTitle')}</figcaption>
      <ResponsiveContainer width="100%" height={40 + rows.length * 30}>
        <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 16 }}>
          <CartesianGrid horizontal={false} stroke={token.colorBorderSecondary} />
          <XAxis type="number" domain={[0, 100]} unit="%" stroke={token.colorTextSecondary} fontSize={12} />
          <YAxis type="category" dataKey="name" width={96} stroke={token.colorTextSecondary} fontSize={12} />
          <Tooltip
            contentStyle={{ background: token.colorBgElevated, borderColor: token.colorBorder }}
            formatter={(value, _name, item) => [
              `${String(value)}% · ${t('lead.insights.count', { count: (item.payload as { outcomes: number }).outcomes })}`,
              t('lead.insights.resolved'),
            ]}
          />
          <Bar dataKey="resolvedPct" name={t('lead.insights.resolved')} fill={token.colorPrimary} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
