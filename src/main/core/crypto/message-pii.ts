// Personal data customers type into the chat (a phone number, an address, an ID number) is sealed at
// rest like the profile's PII: the stored message keeps a redacted copy ([手机号1] …, see
// src/shared/pii-redact.ts) that the queue preview and the assist history read without decrypting,
// and the original goes into `sealed` as one SM4-GCM token bound to the message id. Messages without
// personal data (most of them) are stored as they are and cost nothing to read.
import type { Message } from '../../../shared/domain';
import { PiiRedactor } from '../../../shared/pii-redact';
import type { PiiCipher } from './pii-cipher';

export interface StoredMessage {
  /** JSON of the message, personal data replaced by placeholders. What the queue preview shows. */
  data: string;
  /** SM4-GCM token of the original message JSON, or null when there was nothing to hide. */
  sealed: string | null;
}

const placeOf = (messageId: string) => ({ field: 'message', recordId: messageId });

/** The text fields a person can type personal data into. */
function redactMessage(message: Message, redactor: PiiRedactor): Message {
  switch (message.kind) {
    case 'text':
    case 'system':
      return { ...message, text: redactor.redact(message.text) };
    case 'voice':
      return { ...message, transcript: redactor.redact(message.transcript) };
    case 'image':
      return message.caption ? { ...message, caption: redactor.redact(message.caption) } : message;
    default:
      return message;
  }
}

/** The message with personal data replaced by placeholders, and how many values were hidden. */
export function redactedMessage(message: Message): { redacted: Message; hidden: number } {
  const redactor = new PiiRedactor();
  const redacted = redactMessage(message, redactor);
  return { redacted, hidden: redactor.count };
}

export function sealMessage(cipher: PiiCipher, message: Message): StoredMessage & { redacted: Message } {
  const { redacted, hidden } = redactedMessage(message);
  if (hidden === 0) return { data: JSON.stringify(message), sealed: null, redacted: message };
  return {
    data: JSON.stringify(redacted),
    sealed: cipher.encrypt(JSON.stringify(message), placeOf(message.id)),
    redacted,
  };
}

/** The original message JSON; throws PiiDecryptError when the sealed copy was moved or tampered with. */
export function openMessage(cipher: PiiCipher, id: string, row: StoredMessage): string {
  return row.sealed === null ? row.data : cipher.decrypt(row.sealed, placeOf(id));
}
