// `npm run hub -- [options]`: runs the hub until SIGINT/SIGTERM. Prints exactly one line to stdout when
// ready: "hub listening on http://HOST:PORT". Logs go to stderr.
import { parseArgs } from 'node:util';
import { parseOrigins } from './http/json-http';
import { USERS_HELP, runUsersCli } from './cli-users';
import { startHub } from './index';
import { INTEGRATIONS_HELP, integrationsCli } from './integration/cli';

const HELP = `Xiaoer Desk hub — the escalation gateway (socket.io + SQLite, or Redis for several nodes)

Usage: npm run hub -- [options]

  --port N          TCP port (default 4300; 0 = pick a free port)
  --host H          bind address (default 127.0.0.1)
  --db PATH         SQLite database file (default: in memory, state is lost on exit)
  --redis URL       keep all state in Redis instead (redis://127.0.0.1:6379), so several hub nodes
                    can share it; Redis must run with --appendonly yes --appendfsync always
  --node NAME       this node's name among the nodes on one Redis (default node-<pid>)
  --redis-prefix P  key prefix in Redis (default xd); all nodes of one cluster use the same
  --grace-ms N      how long a disconnected agent keeps their tickets (default 30000)
  --rules PATH      conflict rule file (default resources/hub/conflict-rules.json)
  --users PATH      JSON users file { "users": [...] } (or env XIAOER_HUB_USERS)
  --cors-origin O   browser origins allowed to call the hub, comma-separated exact origins
                    (or env XIAOER_HUB_CORS_ORIGINS; default none: the workstation needs none)
  --log LEVEL       log level on stderr: fatal|error|warn|info|debug (default info)
  --check-outgoing  check every event sent against its schema (development; or env
                    XIAOER_HUB_CHECK_OUTGOING=1; costs ~70 µs per escalation)
  -h, --help        show this help

Accounts: agent1…agent8 (agents), lead1 (team lead), admin. Demo password for all: xiaoer123 —
for local demos only; set XIAOER_HUB_PASSWORD or a users file before exposing a hub.
Token secret: env XIAOER_HUB_SECRET (default: generated once, stored in the database).
HTTP: POST /api/login {username,password} → {token, expiresAt, agent}; GET /api/health;
POST /api/kb/publish (admin bearer token; JSON body up to 4 MiB).
Integration API: /v1 (OpenAPI at /v1/openapi.json, docs/integration.md); keys and webhooks:

${INTEGRATIONS_HELP}

Accounts on a database file:
${USERS_HELP.replace('Usage: ', '  ')}`;

async function main(): Promise<void> {
  if (process.argv[2] === 'users') {
    process.exitCode = await runUsersCli(process.argv.slice(3));
    return;
  }
  if (process.argv[2] === 'integrations') {
    try {
      process.exitCode = await integrationsCli(process.argv.slice(3), (s) => process.stdout.write(`${s}\n`));
    } catch (err) {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    }
    return;
  }
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
        'grace-ms': { type: 'string' },
        rules: { type: 'string' },
        users: { type: 'string' },
        'cors-origin': { type: 'string' },
        log: { type: 'string', default: 'info' },
        'check-outgoing': { type: 'boolean', default: false },
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
  let corsOrigins: string[] | undefined;
  try {
    corsOrigins = values['cors-origin'] !== undefined ? parseOrigins(values['cors-origin']) : undefined;
  } catch (err) {
    process.stderr.write(`--cors-origin: ${(err as Error).message}
`);
    process.exit(2);
  }
  const hub = await startHub({
    port: num('port', values.port)!,
    host: values.host!,
    ...(values.db ? { dbPath: values.db } : {}),
    ...(values.redis ? { redis: values.redis } : {}),
    ...(values.node ? { node: values.node } : {}),
    ...(values['redis-prefix'] ? { redisPrefix: values['redis-prefix'] } : {}),
    ...(values['grace-ms'] !== undefined ? { graceMs: num('grace-ms', values['grace-ms'])! } : {}),
    ...(values.rules ? { rulesPath: values.rules } : {}),
    ...(values.users ? { usersFile: values.users } : {}),
    ...(corsOrigins ? { corsOrigins } : {}),
    logger: values.log as 'info',
    ...(values['check-outgoing'] ? { validateOutgoing: true } : {}),
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
