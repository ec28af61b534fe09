// API handlers of the assist feature: suggestions, suggestion events, macros, LLM drafts, settings.
import { createHash } from 'node:crypto';
import { ApiError, type ApiHandlers } from '../api/router';
import type { Policy } from '../guard/policy';
import { recentCustomerText, type AssistEngine, type KnowledgeSearch } from './engine';
import { PiiRedactor } from '../../../shared/pii-redact';
import { customerQuery } from '../../../shared/customer-query';
import { chooseAnswers } from './knowledge-answer';
import { chatCompletion, draftPrompt, LlmError, type LlmSettingsStore } from './llm';
import { coreText } from '../../../shared/core-texts';

type AssistHandlers = Pick<
  ApiHandlers,
  | 'assist.suggestions'
  | 'assist.event'
  | 'assist.macros'
  | 'assist.draft'
  | 'assist.knowledgeAnswer'
  | 'settings.get'
  | 'settings.set'
>;

export interface AssistHandlerDeps {
  engine: AssistEngine;
  llm: LlmSettingsStore;
  policy: Policy;
  knowledge?: () => KnowledgeSearch | null | undefined;
  /** The sentence embedder, when loaded (knowledge answers fall back to word overlap without it). */
  embed?: () => ((texts: string[]) => Promise<Float32Array[]>) | undefined;
  fetchImpl?: typeof fetch;
}

export function createAssistHandlers(deps: AssistHandlerDeps): AssistHandlers {
  const { engine, llm } = deps;
  return {
    'assist.suggestions': ({ ticketId, limit }) => engine.suggest(ticketId, limit),
    'assist.event': ({ ticketId, suggestionId, event, finalText }) => {
      const e = engine.record(ticketId, suggestionId, event, finalText);
      return { recorded: true as const, editDistance: e.editDistance ?? null };
    },
    'assist.macros': ({ ticketId }) => engine.filledMacros(ticketId),
    'assist.knowledgeAnswer': async ({ docId, query }) => {
      const kb = deps.knowledge?.();
      if (!kb?.getDoc)
        throw new ApiError(
          'UNAVAILABLE',
          'the knowledge base is not available',
          coreText('refusal.kb_unavailable', {}),
        );
      const doc = kb.getDoc(docId);
      if (!doc) throw new ApiError('NOT_FOUND', `no knowledge document ${docId}`);
      const [answer] = await chooseAnswers(query, [doc], deps.embed?.());
      return { answer: answer ?? null };
    },
    'assist.draft': async ({ ticketId }) => {
      const settings = llm.get();
      const why = llm.unavailableReason(settings);
      if (why) throw new ApiError('UNAVAILABLE', why);
      const ticket = engine.ticket(ticketId);
      const query = customerQuery(ticket.messages).query || recentCustomerText(ticket);
      const kb = deps.knowledge?.();
      const hits = kb && query ? (await kb.search(query, { limit: 3 }).catch(() => ({ hits: [] }))).hits : [];
      const conversation = ticket.messages
        .slice(-20)
        .map((m) => ({
          from: m.from,
          text: m.kind === 'text' ? m.text : m.kind === 'voice' ? m.transcript : '',
        }))
        .filter((t) => t.text);
      // Personal data never leaves the machine: placeholders go out, the real values are put back here.
      const redactor = new PiiRedactor(ticket.customer);
      const outgoing = conversation.map((t) => ({ ...t, text: redactor.redact(t.text) }));
      const knowledge = hits.map((h) => ({ title: h.title, snippet: redactor.redact(h.snippet) }));
      let text: string;
      try {
        text = await chatCompletion(
          settings,
          draftPrompt(outgoing, knowledge, deps.policy.merchant),
          deps.fetchImpl,
        );
      } catch (err) {
        throw new ApiError('UNAVAILABLE', err instanceof LlmError ? err.message : String(err));
      }
      text = redactor.restore(text);
      const hidden = redactor.count ? `；发送前已在本机隐去 ${redactor.count} 项个人信息` : '';
      const grounding = hits.map((h) => h.title);
      // Asked for explicitly, so it is shown — but with what the pre-send guard would stop in it.
      const problems = engine.warningsFor(ticketId, text);
      const caution = problems.length ? `；发送前需修改：${problems[0]!.reason}` : '';
      const suggestion = engine.registerExternal(ticketId, {
        id: `llm-${createHash('sha1').update(text).digest('hex').slice(0, 16)}`,
        text: text.slice(0, 2000),
        source: 'llm',
        score: 0.5,
        texts: [
          grounding.length
            ? {
                code: 'suggest.llm_grounded',
                params: { docs: grounding.slice(0, 10).map((g) => g.slice(0, 100)) },
              }
            : { code: 'suggest.llm_ungrounded', params: {} },
          ...(redactor.count
            ? [{ code: 'suggest.llm_redacted' as const, params: { count: redactor.count } }]
            : []),
          ...(problems.length
            ? [{ code: 'suggest.llm_caution' as const, params: { warning: problems[0]!.text } }]
            : []),
        ],
        reason:
          (grounding.length
            ? `大模型草稿：依据知识《${grounding.join('》《').slice(0, 300)}》`
            : '大模型草稿：未检索到相关知识，请仔细核对') +
          hidden +
          caution,
      });
      return { suggestion, grounding };
    },
    'settings.get': () => ({ llm: llm.view() }),
    'settings.set': ({ llm: patch }) => {
      llm.set(patch);
      return { llm: llm.view() };
    },
  };
}
