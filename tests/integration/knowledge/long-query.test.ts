// An 8,000-character knowledge query once segfaulted the embedding worker (and with it the whole
// process). The cap holds at the API boundary, in the service every caller goes through, and in the CLI;
// the CLI also opens its database through openDatabaseSafely.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XiaoerCore } from '../../../src/main/core/app-core';
import { apiMethods, KB_MAX_QUERY_CHARS } from '../../../src/shared/api';

const LONG = '我想退货退款怎么办'.repeat(900); // 8,100 characters

describe('a very long knowledge query', () => {
  let dir: string;
  let core: XiaoerCore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xiaoer-longq-'));
    core = new XiaoerCore({ dataDir: dir, shell: 'browser' }); // the shipped embedding model
    await core.knowledge.modelReady();
  });
  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is cut to its start by the API schema, and refused only when absurd', () => {
    const parsed = apiMethods['kb.search'].input.parse({ query: LONG });
    expect(Array.from(parsed.query)).toHaveLength(KB_MAX_QUERY_CHARS);
    expect(LONG.startsWith(parsed.query)).toBe(true);
    // no half surrogate pair at the cut
    expect(apiMethods['kb.search'].input.parse({ query: '😀'.repeat(600) }).query).toBe('😀'.repeat(500));
    expect(apiMethods['kb.search'].input.safeParse({ query: 'x'.repeat(20_001) }).success).toBe(false);
  });

  it('is searched through the API in hybrid mode without taking the process down', async () => {
    const r = await core.router.dispatch('kb.search', { query: LONG, limit: 5 });
    expect(r).toMatchObject({ ok: true, data: { mode: 'hybrid', degraded: null } });
    // the service caps too, for callers that do not come through the API (assist, CLI)
    const direct = await core.knowledge.search(LONG, { limit: 5 });
    expect(direct.mode).toBe('hybrid');
  });

  it('works from the command line (kb search) with a note that the query was cut', async () => {
    const db = join(dir, 'cli-kb.db');
    const run = (args: string[]) =>
      promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', resolve('src/main/core/knowledge/cli.ts'), ...args, '--db', db],
        {
          env: { ...process.env, XIAOER_LOG_LEVEL: 'silent' },
          maxBuffer: 4 * 1024 * 1024,
        },
      );
    await run(['import', resolve('resources/kb-seed/general/faq-account-security.md')]);
    const { stdout } = await run(['search', LONG]);
    expect(stdout).toMatch(/longer than 500 characters; searching its start/);
    expect(stdout).toMatch(/hits, hybrid/);
  }, 120_000);

  it('kb on a damaged database file says so, moves it aside and carries on', async () => {
    const db = join(dir, 'damaged-kb.db');
    writeFileSync(db, Buffer.alloc(32 * 1024, 0x5a));
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        resolve('src/main/core/knowledge/cli.ts'),
        'import',
        resolve('tests/fixtures/knowledge/broken.csv'),
        '--db',
        db,
        '--no-model',
      ],
      { env: { ...process.env, XIAOER_LOG_LEVEL: 'silent' } },
    );
    expect(stderr).toMatch(/was damaged \(SQLITE_NOTADB.*moved to .*damaged-kb\.db\.corrupt-/);
    expect(stdout).toMatch(/2 imported, 0 unchanged, 3 rejected of 5 rows \(read as utf-8\)/);
  }, 60_000);
});
