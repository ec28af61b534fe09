// Which media URLs the product shows. Images and voice clips arrive from the hub inside messages; a
// URL there is data from outside (a customer gateway, an AI agent), so only what the product itself
// serves may reach <img>/<audio>: base64 data URLs of real image/audio types (the simulator and the
// gateway inline media this way), blob: URLs the page made itself, and the hub's own /media/ paths.
// `javascript:`, `data:text/html`, other hosts and anything unparsable are refused. The core applies
// this where it stores hub messages and the renderer again where it renders them.
import type { Message } from './domain';
import { hubUrls } from './hub-address';

export type MediaKind = 'image' | 'audio';

const DATA_URL: Record<MediaKind, RegExp> = {
  image: /^data:image\/(?:png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]*={0,2}$/,
  audio: /^data:audio\/(?:wav|x-wav|mpeg|ogg|webm|mp4|aac);base64,[A-Za-z0-9+/]*={0,2}$/,
};

/** Path prefix of media the hub itself serves. */
export const HUB_MEDIA_PATH = '/media/';

// Parsed by hand: src/shared runs without DOM or Node globals (no URL). Strict on purpose: no userinfo,
// no backslashes (browsers read them as slashes), no dot segments, plain path characters only.
const HTTP_URL = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?(\/[^?#]*)?(?:[?#].*)?$/i;
const SAFE_MEDIA_PATH = /^\/media\/[A-Za-z0-9._~\-/]+$/;

function parseHttp(url: string): { origin: string; path: string } | null {
  if (url.includes('\\')) return null;
  const m = HTTP_URL.exec(url);
  if (!m) return null;
  const scheme = m[1]!.toLowerCase();
  const port = m[3] && m[3] !== (scheme === 'https' ? '443' : '80') ? `:${Number(m[3])}` : '';
  return { origin: `${scheme}://${m[2]!.toLowerCase()}${port}`, path: m[4] ?? '/' };
}

/**
 * The origin (scheme://host:port) of a hub URL — of its first node when several are listed — or null
 * when there is none or it is unparsable.
 */
export function hubOriginOf(hubUrl: string | null | undefined): string | null {
  return hubUrl ? (parseHttp(hubUrls(hubUrl)[0]!)?.origin ?? null) : null;
}

export function isAllowedMediaUrl(
  url: string | undefined,
  kind: MediaKind,
  hubOrigin: string | null,
): boolean {
  if (!url) return false;
  if (url.startsWith('data:')) return DATA_URL[kind].test(url);
  if (url.startsWith('blob:')) return true; // only ever refers to an object this page created
  if (!hubOrigin) return false;
  const u = parseHttp(url);
  return (
    !!u &&
    u.origin === hubOrigin &&
    u.path.startsWith(HUB_MEDIA_PATH) &&
    SAFE_MEDIA_PATH.test(u.path) &&
    !u.path.split('/').some((seg) => seg === '.' || seg === '..')
  );
}

/**
 * The message with any media URL the product does not serve emptied (the renderer shows "media
 * blocked" for an empty URL). Other kinds and allowed URLs come back as the same object.
 */
export function withSafeMedia(message: Message, hubOrigin: string | null): Message {
  if (message.kind === 'image' && !isAllowedMediaUrl(message.url, 'image', hubOrigin))
    return { ...message, url: '' };
  if (message.kind === 'voice' && !isAllowedMediaUrl(message.url, 'audio', hubOrigin))
    return { ...message, url: '' };
  if (
    message.kind === 'product_card' &&
    message.product.imageUrl !== undefined &&
    !isAllowedMediaUrl(message.product.imageUrl, 'image', hubOrigin)
  ) {
    const product = { ...message.product };
    delete product.imageUrl;
    return { ...message, product };
  }
  return message;
}
