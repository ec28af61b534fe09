// Worded core texts on screen: what people or the shop's data wrote (a quote, a product title) is
// marked data-authored, since it stays in the language it was written in.
import type { Segment } from '../i18n/core-words';

export function Words({ segments }: { segments: readonly Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        typeof s === 'string' ? (
          s
        ) : (
          <span key={i} data-authored="data">
            {s.authored}
          </span>
        ),
      )}
    </>
  );
}
