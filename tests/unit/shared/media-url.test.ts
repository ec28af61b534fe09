// Media URLs from the hub reach <img>/<audio> only if the product serves them.
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/shared/domain';
import { hubOriginOf, isAllowedMediaUrl, withSafeMedia } from '../../../src/shared/media-url';
import { productPhotoSvg, voiceClipWav } from '../../../src/simulator/media';
import { Rng } from '../../../src/simulator/prng';

const HUB = 'http://127.0.0.1:4810';

describe('media URL allowlist', () => {
  it('allows what the simulator and the hub serve', () => {
    const rng = new Rng(1);
    expect(isAllowedMediaUrl(productPhotoSvg(rng, '服装', '图'), 'image', null)).toBe(true);
    expect(isAllowedMediaUrl(voiceClipWav(rng, 2).url, 'audio', null)).toBe(true);
    expect(isAllowedMediaUrl('data:image/png;base64,iVBORw0KGgo=', 'image', null)).toBe(true);
    expect(isAllowedMediaUrl('data:image/jpeg;base64,/9j/4AAQ', 'image', null)).toBe(true);
    expect(isAllowedMediaUrl(`${HUB}/media/p/1.png`, 'image', HUB)).toBe(true);
    expect(isAllowedMediaUrl('blob:http://127.0.0.1:5000/2b1c', 'image', HUB)).toBe(true);
  });

  it('refuses scripts, HTML, other hosts and other paths', () => {
    const bad = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'data:text/html,<script>alert(1)</script>',
      'data:image/svg+xml,<svg onload=alert(1)>',
      'data:image/png;base64,AAAA"onerror="x',
      'https://evil.example/cat.png',
      `${HUB}/api/login`,
      `http://user:pw@127.0.0.1:4810/media/x.png`,
      'http://127.0.0.1:4811/media/x.png',
      '//evil.example/x.png',
      'file:///etc/passwd',
      '',
    ];
    for (const url of bad) expect(isAllowedMediaUrl(url, 'image', HUB), url).toBe(false);
    expect(isAllowedMediaUrl('data:image/png;base64,AAAA', 'audio', HUB)).toBe(false);
    expect(isAllowedMediaUrl(`${HUB}/media/x.png`, 'image', null)).toBe(false);
    expect(hubOriginOf('not a url')).toBeNull();
    expect(hubOriginOf('http://127.0.0.1:4810/some/path')).toBe(HUB);
  });

  it('empties blocked URLs in messages and leaves the rest untouched', () => {
    const base = { id: 'm1', ticketId: 't1', from: 'customer' as const, at: 1 };
    const img: Message = { ...base, kind: 'image', url: 'javascript:alert(1)', caption: 'x' };
    expect(withSafeMedia(img, HUB)).toMatchObject({ kind: 'image', url: '', caption: 'x' });
    const voice: Message = {
      ...base,
      kind: 'voice',
      url: 'https://evil.example/a.wav',
      durationSec: 2,
      transcript: '你好',
    };
    expect(withSafeMedia(voice, HUB)).toMatchObject({ url: '', transcript: '你好' });
    const text: Message = { ...base, kind: 'text', text: 'javascript:alert(1)' };
    expect(withSafeMedia(text, HUB)).toBe(text);
    const product: Message = {
      ...base,
      kind: 'product_card',
      product: {
        id: 'p1',
        title: '衬衫',
        price: 99,
        stock: 3,
        category: '服装',
        imageUrl: 'data:text/html,x',
      },
    };
    const safe = withSafeMedia(product, HUB) as Extract<Message, { kind: 'product_card' }>;
    expect(safe.product.imageUrl).toBeUndefined();
    expect(safe.product.title).toBe('衬衫');
  });
});

describe('media URL parsing corners', () => {
  it('refuses tricks browsers would resolve elsewhere', () => {
    for (const url of [
      `${HUB}/media/../api/login`,
      `${HUB}/media/%2e%2e/api`,
      'http://127.0.0.1:4810\\@evil.example/media/x.png',
      'http://127.0.0.1:4810@evil.example/media/x.png',
      `${HUB}/media/`,
    ])
      expect(isAllowedMediaUrl(url, 'image', HUB), url).toBe(false);
    expect(isAllowedMediaUrl('HTTP://127.0.0.1:4810/media/a.png?v=1', 'image', HUB)).toBe(true);
    expect(hubOriginOf('https://hub.example:443/')).toBe('https://hub.example');
  });
});
