// What the customer is actually asking: the last substantive customer turns of a conversation, with
// nudges ("在吗？", "？？？", "人呢"), greetings and thanks skipped. One definition for the suggestion
// engine (core) and the knowledge panel's one-click search (renderer), so both look up the same thing.
// Pure: no Node, no DOM.

/** The parts of a message this needs (a Message satisfies it structurally). */
export interface QueryMessage {
  from: string;
  kind: string;
  text?: string;
  transcript?: string;
}

/** Punctuation, emoji-ish symbols and filler that carry no question. */
const FILLER = /[\s，,。.！!？?~～…、；;：:·\-—_()（）【】[\]"'“”‘’]+|\p{Extended_Pictographic}/gu;

/** Whole messages that only ask for attention or say hello. */
const NUDGE =
  /^(?:在吗|在不在|在么|有人吗|有人在吗|人呢|客服呢|客服|亲|喂|hello|hi|你好|您好|哈喽|嗨|急|急急急|快点|快回|回复我|说话|等了好久了|等好久了|还在吗|怎么不回|怎么没人|人工|转人工|有人吗等了好久了|\?|？)+$/i;

/** Whole messages that close the conversation: thanks, acknowledgement, goodbye. */
const CLOSING =
  /^(?:好的|好吧|好|行|行吧|可以|嗯|嗯嗯|哦|哦哦|噢|收到|知道了|明白了|明白|了解|懂了|ok|okay|谢谢|谢谢你|谢谢您|谢谢客服|谢了|多谢|感谢|辛苦了|辛苦|麻烦你了|麻烦了|麻烦您了|没事了|没问题了|没有了|没别的了|那就这样|就这样|拜拜|再见|88|我等你们消息|我等消息|等你们消息|那我等等|那我再等等)+$/i;

const compact = (text: string) => text.toLowerCase().replace(FILLER, '');

/** True for a message that asks nothing: a nudge, a greeting, or only punctuation. */
export function isNudge(text: string): boolean {
  const c = compact(text);
  return c.length === 0 || NUDGE.test(c);
}

/** True when the customer is wrapping up ("好的，谢谢", "嗯嗯，收到，谢谢客服～"). */
export function isClosing(text: string): boolean {
  const c = compact(text);
  return c.length > 0 && CLOSING.test(c);
}

/** True when a customer message carries a question or a request worth looking up. */
export function isSubstantive(text: string): boolean {
  return !isNudge(text) && !isClosing(text);
}

function textOf(m: QueryMessage): string {
  if (m.kind === 'text') return m.text ?? '';
  if (m.kind === 'voice') return m.transcript ?? '';
  return '';
}

export interface CustomerQuery {
  /** The last substantive customer turns, oldest first, joined by a newline ('' when there are none). */
  query: string;
  /** The customer's newest message closes the conversation (offer a closing line). */
  closing: boolean;
  /** The newest customer message is a nudge: the customer is waiting for an answer. */
  waiting: boolean;
}

/**
 * Reads the conversation from the newest message back. Up to `turns` substantive customer turns are
 * joined (a question often spans two messages: "我买的枕头" + "能机洗吗"); turns before the last agent
 * reply only count when the customer has asked nothing new since, so an answered question does not
 * keep steering once the customer has moved on.
 */
export function customerQuery(messages: readonly QueryMessage[], turns = 2, maxChars = 300): CustomerQuery {
  let newestCustomer: string | null = null;
  const picked: string[] = [];
  for (let i = messages.length - 1; i >= 0 && picked.length < turns; i--) {
    const m = messages[i]!;
    if (m.from === 'agent') {
      // Everything before an agent's answer is already answered, once we have something newer.
      if (picked.length) break;
      continue;
    }
    if (m.from !== 'customer') continue;
    const text = textOf(m).trim();
    if (!text) continue;
    if (newestCustomer === null) newestCustomer = text;
    if (isSubstantive(text)) picked.push(text);
  }
  const query = picked.reverse().join('\n').slice(-maxChars);
  return {
    query,
    closing: newestCustomer !== null && isClosing(newestCustomer),
    waiting: newestCustomer !== null && isNudge(newestCustomer),
  };
}

/** Just the query text (see customerQuery). */
export function substantiveQuery(messages: readonly QueryMessage[], turns = 2): string {
  return customerQuery(messages, turns).query;
}
