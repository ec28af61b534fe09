// Optional LLM drafts through any OpenAI-compatible endpoint (/v1/chat/completions). Off by default;
// the product is complete without it. The API key lives only in the core's database and is never
// returned to the renderer (settings.get reports whether one is stored, not what it is).
import type { AssistStore } from './assist-store';

export interface LlmSettings {
  enabled: boolean;
  /** e.g. http://127.0.0.1:8000/v1 or https://api.example.com/v1 */
  baseUrl: string;
  model: string;
  apiKey: string | null;
  timeoutMs: number;
}

const DEFAULTS: LlmSettings = { enabled: false, baseUrl: '', model: '', apiKey: null, timeoutMs: 20_000 };
const KEY = 'llm';

export class LlmSettingsStore {
  constructor(private readonly store: AssistStore) {}

  get(): LlmSettings {
    const raw = this.store.getSetting(KEY);
    if (!raw) return { ...DEFAULTS };
    try {
      return { ...DEFAULTS, ...(JSON.parse(raw) as Partial<LlmSettings>) };
    } catch {
      return { ...DEFAULTS };
    }
  }

  /** Partial update; `apiKey: undefined` keeps the stored key, `null` removes it. */
  set(patch: Partial<LlmSettings>): LlmSettings {
    const next = { ...this.get() };
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) (next as Record<string, unknown>)[k] = v;
    this.store.setSetting(KEY, JSON.stringify(next));
    return next;
  }

  /** What the renderer may see. */
  view(): { enabled: boolean; baseUrl: string; model: string; hasApiKey: boolean; timeoutMs: number } {
    const s = this.get();
    return {
      enabled: s.enabled,
      baseUrl: s.baseUrl,
      model: s.model,
      hasApiKey: !!s.apiKey,
      timeoutMs: s.timeoutMs,
    };
  }

  /** Why drafting is impossible now, or null when it is configured. */
  unavailableReason(s = this.get()): string | null {
    if (!s.enabled) return 'LLM drafting is off (settings → llm.enabled)';
    if (!s.baseUrl) return 'no LLM endpoint configured (settings → llm.baseUrl)';
    if (!s.model) return 'no LLM model configured (settings → llm.model)';
    return null;
  }
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export class LlmError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LlmError';
  }
}

/** One chat completion; throws LlmError with a readable reason on HTTP errors, timeouts and odd replies. */
export async function chatCompletion(
  s: LlmSettings,
  messages: ChatMessage[],
  fetchImpl: typeof fetch = fetch,
): Promise<string> {
  const url = `${s.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(s.apiKey ? { authorization: `Bearer ${s.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: s.model, messages, temperature: 0.3, max_tokens: 400 }),
      signal: AbortSignal.timeout(s.timeoutMs),
    });
  } catch (err) {
    const e = err as Error;
    throw new LlmError(
      e.name === 'TimeoutError'
        ? `LLM endpoint did not answer within ${s.timeoutMs} ms`
        : `LLM endpoint unreachable: ${e.message}`,
      { cause: err },
    );
  }
  const text = await res.text();
  if (!res.ok) throw new LlmError(`LLM endpoint answered ${res.status}: ${text.slice(0, 200)}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new LlmError('LLM endpoint did not return JSON', { cause: err });
  }
  const content = (body as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message
    ?.content;
  if (typeof content !== 'string' || !content.trim())
    throw new LlmError('LLM reply had no choices[0].message.content');
  return content.trim();
}

/** The grounded prompt: the model may only use the knowledge snippets and the conversation. */
export function draftPrompt(
  conversation: { from: string; text: string }[],
  knowledge: { title: string; snippet: string }[],
  merchant: string,
): ChatMessage[] {
  const kb = knowledge.length
    ? knowledge.map((k, i) => `[${i + 1}]《${k.title}》${k.snippet}`).join('\n')
    : '（无相关知识）';
  const convo = conversation
    .map((t) => `${t.from === 'customer' ? '顾客' : t.from === 'agent' ? '客服' : '机器人'}：${t.text}`)
    .join('\n');
  return [
    {
      role: 'system',
      content: `你是「${merchant}」的电商客服。只根据提供的知识和对话回答，不编造政策、金额、时效和快递公司；知识里没有的就说会帮顾客核实。方括号里的内容（如[姓名1]、[手机号1]、[地址1]）是已隐去的个人信息，需要时原样写出，不要猜测或改写。语气礼貌简洁，只输出要发给顾客的一段回复。`,
    },
    { role: 'user', content: `知识：\n${kb}\n\n对话：\n${convo}\n\n请写出客服的下一条回复。` },
  ];
}
