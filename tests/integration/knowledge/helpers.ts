// Shared set-up for the knowledge integration tests: the fixture KB and a service on a temp DB file.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KbDoc } from '../../../src/shared/domain';
import { openDatabase, type Db } from '../../../src/main/core/db/database';
import { KnowledgeService, type KnowledgeOptions } from '../../../src/main/core/knowledge/index';
import { defaultModelDir } from '../../../src/main/core/knowledge/model';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'knowledge');
/** The 128-d model this project built for itself (the default before bge-small-zh-v1.5): a second,
 * fast-loading model for the model-switch, download and wrong-dimension tests. */
export const FIXTURE_MODEL_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'models', 'xiaoer-zh-mini');

export function fixtureDocs(version = 1): KbDoc[] {
  const raw = JSON.parse(readFileSync(join(FIXTURES, 'kb.json'), 'utf8')) as Omit<KbDoc, 'version' | 'updatedAt'>[];
  return raw.map((d) => ({ ...d, version, updatedAt: 1_700_000_000_000 }));
}

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'kb-test-')), 'kb.db');
}

export function openService(file: string, options: Partial<KnowledgeOptions> = {}): { db: Db; svc: KnowledgeService } {
  const db = openDatabase(file, { synchronous: 'NORMAL' });
  const svc = new KnowledgeService(db, { model: { source: { kind: 'local', dir: defaultModelDir() } }, ...options });
  return { db, svc };
}
