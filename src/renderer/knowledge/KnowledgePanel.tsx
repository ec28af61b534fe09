// Knowledge-base search beside the conversation. Results come from the core's local index
// (keyword + vector), so they work offline; "insert" puts a passage into the reply box.
import { BookOutlined, ImportOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Input, Segmented, Spin, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbSearchHit } from '../../shared/api';
import { api } from '../platform/client';
import { ImportKnowledgeDialog } from './ImportKnowledgeDialog';
import { IndexingStatus } from './IndexingStatus';
import { highlightParts, replyFromSnippet, stripMarkdown, useKnowledge, type TierFilter } from './store';
import { useErrorText } from '../components/useErrorText';

const SEARCH_DEBOUNCE_MS = 300;
const TIERS: TierFilter[] = ['all', 'general', 'industry', 'merchant'];
export const KB_SEARCH_ID = 'xe-kb-search';

interface Props {
  /** The open conversation: the search and its results belong to it and go when another opens. */
  ticketId: string | null;
  /** Text to search with one click: the customer's substantive question (shared/customer-query). */
  seedQuery: string | null;
  /** Absent when no conversation is open (nothing to insert into). */
  onInsert?: (text: string) => void;
}

export function KnowledgePanel({ ticketId, seedQuery, onInsert }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const query = useKnowledge((s) => s.query);
  const tier = useKnowledge((s) => s.tier);
  const hits = useKnowledge((s) => s.hits);
  const loading = useKnowledge((s) => s.loading);
  const error = useKnowledge((s) => s.error);
  const degraded = useKnowledge((s) => s.degraded);
  const setQuery = useKnowledge((s) => s.setQuery);
  const setTier = useKnowledge((s) => s.setTier);
  const search = useKnowledge((s) => s.search);
  const reset = useKnowledge((s) => s.reset);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [importOpen, setImportOpen] = useState(false);

  // The previous ticket's search answers the previous customer: clear it when another ticket opens.
  const shownFor = useRef(ticketId);
  useEffect(() => {
    if (shownFor.current === ticketId) return;
    shownFor.current = ticketId;
    reset();
  }, [ticketId, reset]);

  // Search as the agent types, after a short pause.
  useEffect(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void search(), SEARCH_DEBOUNCE_MS);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [query, tier, search]);

  return (
    <div className="xe-kb" data-testid="knowledge-panel">
      <div className="xe-kb-controls">
        <Input
          id={KB_SEARCH_ID}
          size="small"
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('knowledge.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onPressEnter={() => void search()}
          data-testid="kb-search"
        />
        <Segmented<TierFilter>
          size="small"
          block
          value={tier}
          onChange={setTier}
          options={TIERS.map((x) => ({ value: x, label: t(`knowledge.tier.${x}`) }))}
        />
        {seedQuery && (
          <Button
            size="small"
            type="link"
            className="xe-kb-seed"
            onClick={() => setQuery(seedQuery)}
            data-testid="kb-use-customer"
          >
            <span className="xe-ellipsis">{t('knowledge.useCustomer', { text: seedQuery })}</span>
          </Button>
        )}
        <Button
          size="small"
          type="link"
          icon={<ImportOutlined />}
          onClick={() => setImportOpen(true)}
          data-testid="kb-import-open"
        >
          {t('kbImport.open')}
        </Button>
        <ImportKnowledgeDialog open={importOpen} onClose={() => setImportOpen(false)} />
      </div>
      <IndexingStatus />
      {degraded && (
        <Alert
          type="info"
          showIcon
          className="xe-kb-note"
          title={t('knowledge.degraded', { reason: degraded })}
        />
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          className="xe-kb-note"
          title={t('knowledge.failed', { message: errorText(error) })}
        />
      )}
      <div className="xe-kb-results">
        {loading && hits.length === 0 ? (
          <div className="xe-center">
            <Spin size="small" />
          </div>
        ) : hits.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={query.trim() ? t('knowledge.noHits') : t('knowledge.hint')}
          />
        ) : (
          hits.map((h) => <HitCard key={`${h.docId}-${h.chunkId}`} hit={h} onInsert={onInsert} />)
        )}
      </div>
    </div>
  );
}

/**
 * Inserts the sentence(s) of the hit's document that answer the search (chosen in the core, by the
 * model when loaded), not the snippet — a window that may start mid-table or stop mid-list. Without an
 * answer (the core cannot tell, or is unreachable) the snippet, cut to whole sentences, goes in.
 */
async function insertAnswer(hit: KbSearchHit, onInsert: (text: string) => void): Promise<void> {
  const query = useKnowledge.getState().query.trim();
  const r = query
    ? await api().call('assist.knowledgeAnswer', { docId: hit.docId, query: query.slice(0, 500) })
    : null;
  onInsert(r?.ok && r.data.answer ? r.data.answer.text : replyFromSnippet(hit.snippet));
}

function HitCard({ hit, onInsert }: { hit: KbSearchHit; onInsert?: (text: string) => void }) {
  const { t } = useTranslation();
  return (
    <article className="xe-kb-hit" data-testid="kb-hit" data-doc-id={hit.docId}>
      <header className="xe-kb-hit-head">
        <BookOutlined />
        <span className="xe-kb-hit-title xe-ellipsis" title={hit.title}>
          {hit.title}
        </span>
        <Tag
          className="xe-tag"
          color={hit.tier === 'merchant' ? 'gold' : hit.tier === 'industry' ? 'cyan' : 'default'}
        >
          {t(`knowledge.tier.${hit.tier}`)}
        </Tag>
      </header>
      <p className="xe-kb-snippet">
        {/* Strip Markdown per part, after splitting, so the highlight offsets still line up. */}
        {highlightParts(hit.snippet, hit.highlights).map((p, i) =>
          p.hit ? <mark key={i}>{stripMarkdown(p.text)}</mark> : <span key={i}>{stripMarkdown(p.text)}</span>,
        )}
      </p>
      <footer className="xe-kb-hit-foot">
        {/* A percentage only when it is calibrated (the model's manifest): the chance this article
            answers the question, so an unrelated hit reads low. The ranking score is never shown. */}
        {hit.relevance !== null && (
          <Tag
            className="xe-tag"
            color={hit.relevance >= 0.6 ? 'green' : hit.relevance >= 0.3 ? 'default' : undefined}
            title={t('kbIndex.relevanceHelp')}
            data-testid="kb-hit-relevance"
          >
            {t('kbIndex.relevance', { pct: Math.round(hit.relevance * 100) })}
          </Tag>
        )}
        <span className="xe-muted" data-testid="kb-hit-match">
          {t('knowledge.matchedBy', {
            how: hit.matchedBy.map((m) => t(`knowledge.match.${m}`)).join(' + '),
          })}
        </span>
        {onInsert && (
          <Button size="small" onClick={() => void insertAnswer(hit, onInsert)} data-testid="kb-insert">
            {t('knowledge.insert')}
          </Button>
        )}
      </footer>
    </article>
  );
}
