// Loads and validates the conflict rule file. A bad file fails loudly, naming the path and the field.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConflictRulesFileSchema, type ConflictRulesFile } from './rules-schema';

export const DEFAULT_RULES_PATH = fileURLToPath(
  new URL('../../../resources/hub/conflict-rules.json', import.meta.url),
);

export class RulesFileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`conflict rules file ${path}: ${message}`);
    this.name = 'RulesFileError';
  }
}

export function parseRulesFile(text: string, path = '(inline)'): ConflictRulesFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new RulesFileError(path, `not valid JSON (${(err as Error).message})`);
  }
  const parsed = ConflictRulesFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new RulesFileError(path, issues.join('; '));
  }
  return parsed.data;
}

export function loadRulesFile(path = DEFAULT_RULES_PATH): ConflictRulesFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new RulesFileError(path, `cannot read (${(err as Error).message})`);
  }
  return parseRulesFile(text, path);
}
