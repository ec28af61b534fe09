// Recommendations for the open ticket: why each one fits, the suggested wording, and a send
// button. When marketing is held back (complaint, negative sentiment, the customer's question not yet
// answered) the reason is shown instead; the core re-judges as the conversation moves on.
import { GiftOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Empty, Spin, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Recommendation } from '../../shared/domain';
import { Words } from '../components/Words';
import { textsOr } from '../i18n/core-words';
import { formatDate, formatMoney } from '../i18n/format';
import { useSettings } from '../settings/store';
import { useMarketing } from './store';
import { useErrorText } from '../components/useErrorText';

export function RecommendationsPanel({
  ticketId,
  revision = 0,
}: {
  ticketId: string | null;
  /** Changes when the conversation does (a message came or went): timing depends on it. */
  revision?: number;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const lang = useSettings((s) => s.language);
  const data = useMarketing((s) => (ticketId ? s.byTicket[ticketId] : undefined));
  const loading = useMarketing((s) => s.loadingId === ticketId);
  const error = useMarketing((s) => s.error);
  const load = useMarketing((s) => s.load);

  useEffect(() => {
    if (ticketId) void load(ticketId);
  }, [ticketId, revision, load]);

  if (!ticketId)
    return (
      <Empty
        className="xe-empty"
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t('conversation.sideEmpty')}
      />
    );
  return (
    <div className="xe-scroll xe-recs" data-testid="recommendations">
      {error && <Alert type="error" showIcon title={t('marketing.failed', { message: errorText(error) })} />}
      {data?.suppressed && (
        <Alert
          type="warning"
          showIcon
          icon={<StopOutlined />}
          title={t('marketing.suppressed')}
          description={<Words segments={textsOr(data.suppressedTexts, data.suppressed, t, lang)} />}
          data-testid="marketing-suppressed"
        />
      )}
      {loading && !data ? (
        <div className="xe-center">
          <Spin size="small" />
        </div>
      ) : data && data.recommendations.length === 0 && !data.suppressed ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('marketing.none')} />
      ) : (
        data?.recommendations.map((r) => <RecommendationCard key={r.id} ticketId={ticketId} rec={r} />)
      )}
      {data && data.dropped.length > 0 && (
        <details className="xe-recs-dropped">
          <summary className="xe-muted">{t('marketing.dropped', { count: data.dropped.length })}</summary>
          <ul>
            {data.dropped.map((d) => (
              <li key={d.id} className="xe-muted">
                <Words segments={textsOr(d.texts, d.reason, t, lang)} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function RecommendationCard({ ticketId, rec }: { ticketId: string; rec: Recommendation }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const lang = useSettings((s) => s.language);
  const { message: toast } = App.useApp();
  const send = useMarketing((s) => s.send);
  const reload = useMarketing((s) => s.load);
  const sending = useMarketing((s) => s.sendingId === rec.id);
  const sent = useMarketing((s) => s.sent[rec.id] === true);
  const [includeCopy, setIncludeCopy] = useState(true);

  const onSend = async () => {
    const err = await send(ticketId, rec.id, includeCopy);
    if (!err) return;
    // The core refuses an offer that may no longer go (the conversation moved on); its reason is
    // Chinese, so say it in words and reload: the panel then shows why, in the reader's language.
    const refused = err.code === 'CONFLICT' || err.code === 'NOT_FOUND';
    toast.error(
      t('marketing.sendFailed', {
        message: refused ? t('assistText.marketing.sendRefused') : errorText(err),
      }),
    );
    if (refused) void reload(ticketId);
  };

  return (
    <article className="xe-rec" data-testid="recommendation" data-kind={rec.kind}>
      <header className="xe-rec-head">
        {rec.kind === 'product' && rec.product ? (
          <>
            {rec.product.imageUrl ? (
              <img
                className="xe-rec-img"
                src={rec.product.imageUrl}
                alt={rec.product.title}
                width={48}
                height={48}
              />
            ) : (
              <span className="xe-rec-img xe-product-placeholder">
                <GiftOutlined />
              </span>
            )}
            <div className="xe-rec-title">
              <div className="xe-clamp2" data-authored="catalog">
                {rec.product.title}
              </div>
              <strong className="xe-price">{formatMoney(rec.product.price, lang)}</strong>
              {rec.product.promo && (
                <Tag color="red" className="xe-tag" data-authored="catalog">
                  {rec.product.promo}
                </Tag>
              )}
            </div>
          </>
        ) : rec.coupon ? (
          <>
            <span className="xe-rec-img xe-rec-coupon">{formatMoney(rec.coupon.amount, lang)}</span>
            <div className="xe-rec-title">
              <div data-authored="catalog">{rec.coupon.title}</div>
              <span className="xe-muted">
                {rec.coupon.threshold > 0
                  ? t('conversation.couponRule', {
                      threshold: formatMoney(rec.coupon.threshold, lang),
                      amount: formatMoney(rec.coupon.amount, lang),
                    })
                  : t('conversation.couponNoThreshold', { amount: formatMoney(rec.coupon.amount, lang) })}
                {' · '}
                {t('conversation.couponExpires', { date: formatDate(rec.coupon.expiresAt, lang) })}
              </span>
            </div>
          </>
        ) : null}
      </header>
      <div className="xe-rec-reason">
        <Tag className="xe-tag" color={rec.source === 'upstream_ai' ? 'geekblue' : 'green'}>
          {t(`marketing.source.${rec.source}`)}
        </Tag>
        <Words segments={textsOr(rec.texts, rec.reason, t, lang)} />
      </div>
      {/* The message for the customer, in their language. */}
      <blockquote className="xe-rec-copy" data-authored="reply">
        {rec.copy}
      </blockquote>
      <footer className="xe-rec-foot">
        <Checkbox checked={includeCopy} onChange={(e) => setIncludeCopy(e.target.checked)}>
          {t('marketing.includeCopy')}
        </Checkbox>
        <Button
          size="small"
          type={sent ? 'default' : 'primary'}
          icon={<SendOutlined />}
          loading={sending}
          onClick={() => void onSend()}
          data-testid="recommendation-send"
        >
          {sent ? t('marketing.sentAgain') : t('marketing.send')}
        </Button>
      </footer>
    </article>
  );
}
