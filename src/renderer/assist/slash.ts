// "/" quick phrases in the reply box: typing /退货 at the start of a word lists the merchant's macros
// matching 退货; ↑/↓ choose, Enter or Tab inserts (replacing the "/退货"), Esc cancels. Pure helpers
// here; the composer wires them to the textarea.
import type { FilledMacroDto } from '../../shared/assist-api';

export interface SlashQuery {
  /** Index of the "/" in the draft. */
  start: number;
  /** What was typed after it, up to the caret. */
  query: string;
}

const MAX_QUERY = 20;

/** The "/word" being typed at the caret, if any: the slash starts the text or follows a space or newline. */
export function slashQuery(value: string, caret: number): SlashQuery | null {
  for (let i = caret - 1; i >= 0 && caret - i <= MAX_QUERY + 1; i--) {
    const ch = value[i]!;
    if (/\s/.test(ch)) return null;
    if (ch === '/' || ch === '／') {
      if (i > 0 && !/\s/.test(value[i - 1]!)) return null; // a URL or a fraction like 1/2, not a command
      return { start: i, query: value.slice(i + 1, caret) };
    }
  }
  return null;
}

/** Macros for the query, best first: title prefix, then title, category, text; the ticket's intent breaks ties. */
export function matchMacros(macros: readonly FilledMacroDto[], query: string, limit = 6): FilledMacroDto[] {
  const q = query.trim().toLowerCase();
  const rank = (m: FilledMacroDto): number => {
    if (!q) return 0;
    const title = m.title.toLowerCase();
    if (title.startsWith(q)) return 0;
    if (title.includes(q)) return 1;
    if (m.category.toLowerCase().includes(q)) return 2;
    if (m.text.toLowerCase().includes(q)) return 3;
    return -1;
  };
  return macros
    .map((m, i) => ({ m, r: rank(m), i }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || Number(b.m.matchesIntent) - Number(a.m.matchesIntent) || a.i - b.i)
    .slice(0, limit)
    .map((x) => x.m);
}

/** The draft with "/query" replaced by the macro's text, and where the caret goes. */
export function applySlash(value: string, slash: SlashQuery, text: string): { value: string; caret: number } {
  const end = slash.start + 1 + slash.query.length;
  const next = value.slice(0, slash.start) + text + value.slice(end);
  return { value: next, caret: slash.start + text.length };
}
