// What a simulated customer says after the escalation: answers to the agent by intent and turn (now
// and then a photo or a voice clip), nudges when nobody answers, and the template filling both use.
import type { Intent, Message, MessageBody } from '../shared/domain';
import type { FillContext, GeneratedTicket } from './factory';
import { productPhotoSvg, voiceClipWav } from './media';
import type { Rng } from './prng';
import { MARKETING_ANSWERS, NUDGES, scriptFor } from './scripts';

export function fill(tpl: string, c: FillContext): string {
  return tpl
    .replaceAll('{product}', c.product.title.split(' ')[0]!)
    .replaceAll('{order}', c.orderId)
    .replaceAll('{carrier}', c.carrier)
    .replaceAll('{tracking}', c.tracking)
    .replaceAll('{city}', c.city)
    .replaceAll('{size}', c.size)
    .replaceAll('{amount}', String(c.amount))
    .replaceAll('{total}', String(c.total));
}

/** The customer's next message after an agent reply, by intent and turn. */
export function customerAnswer(
  g: Pick<GeneratedTicket, 'rng' | 'ctx'>,
  intent: Intent,
  turn: number,
  agent: Pick<Message, 'kind'>,
  media = true,
): MessageBody {
  const r = g.rng;
  if (agent.kind === 'coupon_card' || agent.kind === 'product_card')
    return { kind: 'text', text: r.pick(MARKETING_ANSWERS) };
  const script = scriptFor(intent, g.ctx.product.category);
  const answers = script.answers;
  const text = fill(answers[Math.min(turn, answers.length - 1)]!, g.ctx);
  if (media && turn === 0 && script.image && r.chance(0.2)) {
    const img = script.image;
    return {
      kind: 'image',
      url: productPhotoSvg(r, g.ctx.product.category, img.caption, { damaged: img.damaged ?? false }),
      caption: img.caption,
      width: 240,
      height: 240,
    };
  }
  if (media && script.voice && r.chance(0.15)) {
    const clip = voiceClipWav(r, Math.min(3, Math.max(1, text.length / 6)));
    return { kind: 'voice', url: clip.url, durationSec: clip.durationSec, transcript: text };
  }
  return { kind: 'text', text };
}

export function nudge(r: Rng): MessageBody {
  return { kind: 'text', text: r.pick(NUDGES) };
}
