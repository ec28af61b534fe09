// The renderer fetching conversations ahead in idle time is not the agent working: it must not hold
// back background suggestion work the way opening a ticket does (assist/scheduler.ts QUIET_MS).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { XiaoerCore } from '../../src/main/core/app-core';

let core: XiaoerCore | null = null;
let dir = '';
afterEach(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a tickets.get fetched ahead is not agent activity; an open is', async () => {
  dir = mkdtempSync(join(tmpdir(), 'xiaoer-ahead-'));
  core = new XiaoerCore({ dataDir: dir, shell: 'browser', model: null });
  const activity = vi.spyOn(core.assist.scheduler, 'noteActivity');
  await core.router.dispatch('tickets.get', { ticketId: 't1', ahead: true });
  expect(activity).not.toHaveBeenCalled();
  await core.router.dispatch('tickets.get', { ticketId: 't1' });
  await core.router.dispatch('tickets.list', {});
  expect(activity).toHaveBeenCalledTimes(2);
});
