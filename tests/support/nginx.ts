// A real nginx (Debian's /usr/sbin/nginx) in front of hub nodes, for tests: the site configuration is
// the one the README documents ("Three hub nodes behind nginx"), read from README.md and given this
// run's ports, inside a main configuration of its own (pid, logs and temp paths in a temp dir, one
// worker, not a daemon, loopback only). The main configuration adds one thing for the test to observe:
// every response says which node served it (X-Xiaoer-Upstream: $upstream_addr).
// Tests call nginxAvailable() and skip with NGINX_MISSING when the binary is absent.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './redis';

export const NGINX_BIN = process.env.XIAOER_NGINX ?? '/usr/sbin/nginx';
export const NGINX_MISSING = `nginx not found at ${NGINX_BIN} (apt-get install -y nginx, or set XIAOER_NGINX)`;
/** The response header that names the node that served a request (added by the test's main config). */
export const UPSTREAM_HEADER = 'x-xiaoer-upstream';

export function nginxAvailable(): boolean {
  return existsSync(NGINX_BIN);
}

const README = join(import.meta.dirname, '..', '..', 'README.md');
const SECTION = '### Three hub nodes behind nginx';
/** The documented ports: nginx listens on 4300, the nodes on 4301, 4302, 4303. */
const DOC_LISTEN = /^(\s*)listen 4300;$/m;
const DOC_NODE = /server 127\.0\.0\.1:430([1-9])\b/g;

/** The ```nginx block of the README's section on nginx, as documented. */
export function documentedNginxSite(readme = readFileSync(README, 'utf8')): string {
  const at = readme.indexOf(SECTION);
  if (at < 0) throw new Error(`README.md has no "${SECTION}" section`);
  const block = /```nginx\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!block) throw new Error(`README.md's "${SECTION}" section has no \`\`\`nginx block`);
  return block[1]!;
}

/** The documented site with this run's ports: nginx on 127.0.0.1:listen, node N of the README on nodes[N-1]. */
export function siteForPorts(site: string, listen: number, nodes: number[]): string {
  const documented = [...site.matchAll(DOC_NODE)].map((m) => Number(m[1]));
  if (!DOC_LISTEN.test(site) || documented.length !== nodes.length)
    throw new Error(
      `the README's nginx site must listen on 4300 and list ${nodes.length} nodes on 127.0.0.1:4301…; it lists ${documented.length}`,
    );
  return site
    .replace(DOC_LISTEN, `$1listen 127.0.0.1:${listen};`)
    .replace(DOC_NODE, (_, n: string) => `server 127.0.0.1:${nodes[Number(n) - 1]!}`);
}

function mainConfig(dir: string, site: string): string {
  const tmp = (name: string) => join(dir, 'tmp', name);
  return `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 512; }
http {
    access_log ${join(dir, 'access.log')};
    client_body_temp_path ${tmp('body')};
    proxy_temp_path ${tmp('proxy')};
    fastcgi_temp_path ${tmp('fastcgi')};
    uwsgi_temp_path ${tmp('uwsgi')};
    scgi_temp_path ${tmp('scgi')};
    add_header X-Xiaoer-Upstream $upstream_addr always;
${site}
}
`;
}

export interface RunningNginx {
  url: string;
  port: number;
  dir: string;
  /** The configuration nginx runs with (main config around the documented site). */
  config: string;
  /** nginx's error log so far (for failure messages). */
  errors(): string;
  stop(): Promise<void>;
}

/** Starts nginx in front of the given node ports (as many as the README lists); resolves once it accepts. */
export async function startNginx(nodes: number[]): Promise<RunningNginx> {
  if (!nginxAvailable()) throw new Error(NGINX_MISSING);
  const dir = mkdtempSync(join(tmpdir(), 'xiaoer-nginx-'));
  // run as root, nginx's worker is `nobody`: it must reach its temp paths under this dir
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'tmp'));
  const port = await freePort();
  const config = mainConfig(dir, siteForPorts(documentedNginxSite(), port, nodes));
  const confFile = join(dir, 'nginx.conf');
  writeFileSync(confFile, config);
  const errorLog = join(dir, 'error.log');
  const errors = () => (existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '');
  let stderr = '';
  const child: ChildProcess = spawn(
    NGINX_BIN,
    ['-p', dir, '-c', confFile, '-e', errorLog, '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 15_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr}${errors()}`);
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${port}: ${stderr}${errors()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dir,
    config,
    errors,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM'); // fast shutdown: master and worker
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
