// Generated media for simulated conversations: a small SVG "photo" and a short WAV voice clip,
// both as data URLs. Deterministic for a given Rng.
import type { Rng } from './prng';

const PALETTE = [
  '#e4572e',
  '#17bebb',
  '#ffc914',
  '#2e282a',
  '#76b041',
  '#5b8def',
  '#c04abc',
  '#f08a4b',
  '#8d99ae',
];

function esc(s: string): string {
  return s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const SHAPES: Record<string, string> = {
  服装: 'M70 60 L100 45 Q120 60 140 45 L170 60 L190 95 L165 105 L165 180 L75 180 L75 105 L50 95 Z',
  鞋靴: 'M40 150 Q60 110 95 115 L130 95 Q150 120 200 135 Q205 160 190 165 L45 165 Z',
  数码: 'M75 40 H165 Q175 40 175 50 V190 Q175 200 165 200 H75 Q65 200 65 190 V50 Q65 40 75 40 Z',
  美妆: 'M100 70 H140 V95 H150 V195 H90 V95 H100 Z',
  食品: 'M60 80 H180 L170 190 H70 Z M80 60 H160 V80 H80 Z',
  家居: 'M50 120 L120 60 L190 120 V190 H50 Z',
  包裹: 'M50 85 L120 55 L190 85 V170 L120 200 L50 170 Z M50 85 L120 115 L190 85 M120 115 V200',
};

/** A 240×240 placeholder product photo with a coloured silhouette and a caption. */
export function productPhotoSvg(
  rng: Rng,
  category: string,
  caption: string,
  opts: { damaged?: boolean } = {},
): string {
  const bg = rng.pick(PALETTE);
  const fg = rng.pick(PALETTE.filter((c) => c !== bg));
  const shape = SHAPES[category] ?? SHAPES['包裹']!;
  const crack = opts.damaged
    ? '<path d="M95 70 L115 105 L100 125 L130 160" stroke="#111" stroke-width="5" fill="none"/><text x="150" y="70" font-size="28" fill="#d00">!</text>'
    : '';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240" viewBox="0 0 240 240">` +
    `<rect width="240" height="240" fill="${bg}" opacity="0.25"/><path d="${shape}" fill="${fg}" stroke="#333" stroke-width="2"/>${crack}` +
    `<rect y="206" width="240" height="34" fill="#000" opacity="0.55"/>` +
    `<text x="120" y="229" font-size="15" text-anchor="middle" fill="#fff" font-family="sans-serif">${esc(caption.slice(0, 16))}</text></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/**
 * A short mono 8 kHz 8-bit WAV that sounds vaguely like speech: syllable-length bursts of a few
 * harmonics with a pitch contour. Returns the data URL and its exact duration.
 */
export function voiceClipWav(rng: Rng, durationSec: number): { url: string; durationSec: number } {
  const rate = 8000;
  const n = Math.round(rate * durationSec);
  const data = Buffer.alloc(n);
  const base = rng.float(110, 220);
  const syllable = Math.round(rate * rng.float(0.16, 0.24));
  for (let i = 0; i < n; i++) {
    const k = i % syllable;
    const env = Math.sin((Math.PI * k) / syllable) ** 2 * (Math.floor(i / syllable) % 5 === 4 ? 0.15 : 1);
    const f = base * (1 + 0.15 * Math.sin((2 * Math.PI * i) / (rate * 0.9)));
    const t = i / rate;
    const v =
      0.55 * Math.sin(2 * Math.PI * f * t) +
      0.3 * Math.sin(4 * Math.PI * f * t) +
      0.15 * Math.sin(6 * Math.PI * f * t);
    data[i] = Math.max(0, Math.min(255, Math.round(128 + 100 * env * v)));
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + n, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate, 28); // byte rate
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(n, 40);
  return {
    url: `data:audio/wav;base64,${Buffer.concat([header, data]).toString('base64')}`,
    durationSec: Math.round((n / rate) * 100) / 100,
  };
}
