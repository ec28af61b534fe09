// Knowledge passages are written in Markdown; an agent reads and sends plain text. One conversion for
// the suggestion engine (core) and the knowledge panel (renderer), so both offer the same words.

export function stripMarkdown(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images → alt text
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1') // links → their text
    .replace(/\*\*|__|`/g, '')
    .replace(/(^|\s)#{1,6}\s+/g, '$1') // headings, also inside a one-line snippet
    .replace(/(^|\n)\s*(?:[-*+]|\d+[.)])\s+/g, '$1') // list markers
    .replace(/([。；;！？!?：:])\s*[-*+]\s+/g, '$1') // list markers a one-line snippet kept after a sentence
    .replace(/(^|\n)\s*>\s?/g, '$1') // quotes
    .replace(/\|/g, ' ')
    .replace(/(?:^|\s)(?::?-{3,}:?(?=\s|$)\s*)+/g, ' ') // table header separators (| --- | --- |)
    .replace(/[ \t]{2,}/g, ' ');
}

/** A passage as a reply: plain text on one line, without the "…" marking where a snippet was cut. */
export function passageForReply(snippet: string): string {
  return stripMarkdown(snippet)
    .replace(/^\s*…+/, '')
    .replace(/…+\s*$/, '')
    .replace(/\s*\n+\s*/g, ' ')
    .trim();
}

/**
 * A snippet cut out of a longer passage, made fit to send: a clause cut at the front is dropped and the
 * text ends at the last full sentence, so a suggestion never starts or stops mid-phrase.
 */
export function replyFromSnippet(snippet: string): string {
  let text = stripMarkdown(snippet).trim();
  if (text.startsWith('…')) {
    const cut = text.search(/[。！？；!?;，,]/);
    text = cut >= 0 && cut < 40 ? text.slice(cut + 1) : text;
  }
  if (text.endsWith('…')) {
    const end = Math.max(text.lastIndexOf('。'), text.lastIndexOf('！'), text.lastIndexOf('？'));
    if (end > text.length / 2) text = text.slice(0, end + 1);
  }
  return passageForReply(text);
}
