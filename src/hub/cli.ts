// `npm run hub -- [options]`: runs the hub until SIGINT/SIGTERM. Prints exactly one line to stdout when
// ready: "hub listening on http://HOST:PORT". Logs go to stderr.
import { parseArgs } from 'node:util';
import { startHub } from './index';

const HELP = `Xiaoer Desk hub — the escalation gateway (socket.io + SQLite, or Redis for several nodes)

Usage: npm run hub -- [options]

  --port N          TCP port (default 4300; 0 = pick a free port)
  --host H          bind address (default 127.0.0.1)
  --db PATH         SQLite database file (default: in memory, state is lost on exit)
  --redis URL       keep all state in Redis instead (redis://127.0.0.1:6379), so several hub nodes
                    can share it; Redis must run with --appendonly yes --appendfsync always
  --node NAME       this node's name among the nodes on one Redis (default node-<pid>)
  --redis-prefix P  key prefix in Redis (default xd); all nodes of one cluster use the same
  --simulate        run the scenario simulator (customers + AI agents)
  --rate R          simulator escalations per MINUTE (default 4)
  --seed S          simulator seed (default 1); the same seed replays the same scenario
  --kb-edit-sec N   simulator publishes a knowledge edit every N seconds (default 120, 0 = off)
  --grace-ms N      how long a disconnected agent keeps their tickets (default 30000)
  --rules PATH      conflict rule file (default resources/hub/conflict-rules.json)
  --users PATH      JSON users file { "users": [...] } (or env XIAOER_HUB_USERS)
  --log LEVEL       log level on stderr: fatal|error|warn|info|debug (default info)
  -h, --help        show this help

Accounts: agent1…agent8 (agents), lead1 (team lead), admin. Demo password for all: xiaoer123 —
for local demos only; set XIAOER_HUB_PASSWORD or a users file before exposing a hub.
Token secret: env XIAOER_HUB_SECRET (default: generated once, stored in the database).
HTTP: POST /api/login {username,password} → {token, expiresAt, agent}; GET /api/health;
POST /api/kb/publish (admin bearer token).`;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '4300' },
        host: { type: 'string', default: '127.0.0.1' },
        db: { type: 'string' },
        redis: { type: 'string' },
        node: { type: 'string' },
        'redis-prefix': { type: 'string' },
        simulate: { type: 'boolean', default: false },
        rate: { type: 'string' },
        seed: { type: 'string' },
        'kb-edit-sec': { type: 'string' },
        'grace-ms': { type: 'string' },
        rules: { type: 'string' },
        users: { type: 'string' },
        log: { type: 'string', default: 'info' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${HELP}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const num = (name: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) {
      process.stderr.write(`--${name} must be a non-negative number, got "${v}"\n`);
      process.exit(2);
    }
    return n;
  };
  const kbEdit = num('kb-edit-sec', values['kb-edit-sec']);
  const hub = await startHub({
    port: num('port', values.port)!,
    host: values.host!,
    ...(values.db ? { dbPath: values.db } : {}),
    ...(values.redis ? { redis: values.redis } : {}),
    ...(values.node ? { node: values.node } : {}),
    ...(values['redis-prefix'] ? { redisPrefix: values['redis-prefix'] } : {}),
    ...(values.simulate ? { simulate: kbEdit !== undefined ? { kbEditEverySec: kbEdit } : true } : {}),
    ...(values.rate !== undefined ? { rate: num('rate', values.rate)! } : {}),
    ...(values.seed !== undefined ? { seed: num('seed', values.seed)! } : {}),
    ...(values['grace-ms'] !== undefined ? { graceMs: num('grace-ms', values['grace-ms'])! } : {}),
    ...(values.rules ? { rulesPath: values.rules } : {}),
    ...(values.users ? { usersFile: values.users } : {}),
    logger: values.log as 'info',
  });
  process.stdout.write(`hub listening on ${hub.url}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    hub.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    void hub.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`hub failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
