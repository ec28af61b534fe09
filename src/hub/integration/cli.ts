// `npm run hub -- integrations …`: create, list and revoke integrations and their webhook endpoints in
// a hub database file or its Redis (cli-store.ts; a running hub on the same file sees the change on its next request: keys are
// checked against the store on every call).
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { INTEGRATION_SCOPES } from '../../shared/integration-api';
import { STORE_CLI_HELP, STORE_CLI_OPTIONS, openCliStore } from '../cli-store';
import { addIntegration, listIntegrations, parseScopes, revokeIntegration } from './keys';
import { newWebhookSecret } from './signing';

export const INTEGRATIONS_HELP = `Usage: npm run hub -- integrations <command> (--db PATH | --redis URL [--redis-prefix P])

  add NAME --scopes S1,S2   a new integration and its API key (printed once; only its hash is stored)
  list                      integrations, key ids, scopes, webhook endpoints (never a key or secret)
  revoke NAME               revokes the integration and all its keys, effective on the next request
  webhook NAME URL          adds a webhook endpoint; prints its signing secret once

${STORE_CLI_HELP}
Scopes: ${INTEGRATION_SCOPES.join(', ')}
Add --json for machine-readable output.`;

export async function integrationsCli(argv: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...STORE_CLI_OPTIONS,
      scopes: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [cmd, name, url] = positionals;
  if (values.help || !cmd) {
    out(INTEGRATIONS_HELP);
    return values.help ? 0 : 2;
  }
  const store = await openCliStore(values);
  if (typeof store === 'string') throw new Error(`${store}: integrations live in the hub's store`);
  const show = (human: string, data: unknown) => out(values.json ? JSON.stringify(data) : human);
  try {
    const db = store.integration;
    if (!db) throw new Error('this hub store has no integration tables');
    switch (cmd) {
      case 'add': {
        if (!name) throw new Error('integrations add NAME --scopes …');
        const scopes = parseScopes(values.scopes ?? '');
        const made = await store.atomically(() => addIntegration(db, name, scopes));
        show(
          `integration ${name} (${made.integration.id}), scopes ${scopes.join(', ')}\nAPI key (shown once, keep it secret):\n${made.key}`,
          { id: made.integration.id, name, scopes, key: made.key },
        );
        return 0;
      }
      case 'list': {
        const all = await listIntegrations(db);
        const lines = all.map((i) =>
          [
            `${i.name}  ${i.id}  ${i.revokedAt ? `REVOKED ${new Date(i.revokedAt).toISOString()}` : 'active'}`,
            ...i.keys.map(
              (k) => `  key ${k.id}  scopes ${k.scopes.join(',')}${k.revokedAt ? '  revoked' : ''}`,
            ),
            ...i.endpoints.map(
              (e) =>
                `  webhook ${e.id}  ${e.url}  ${e.disabledAt ? `disabled: ${e.disabledReason}` : 'enabled'}`,
            ),
          ].join('\n'),
        );
        show(
          lines.join('\n') || 'no integrations',
          all.map((i) => ({
            ...i,
            keys: i.keys.map(({ hash: _hash, ...k }) => k),
            endpoints: i.endpoints.map(({ secrets: _s, ...e }) => e),
          })),
        );
        return 0;
      }
      case 'revoke': {
        if (!name) throw new Error('integrations revoke NAME');
        const rec = await store.atomically(() => revokeIntegration(db, name));
        show(`revoked ${rec.name} (${rec.id}) and all its keys`, {
          id: rec.id,
          name: rec.name,
          revoked: true,
        });
        return 0;
      }
      case 'webhook': {
        if (!name || !url) throw new Error('integrations webhook NAME URL');
        if (!/^https?:\/\/\S+$/.test(url)) throw new Error('the webhook URL must be http(s)://…');
        const rec = await db.getIntegrationByName(name);
        if (!rec) throw new Error(`no integration "${name}"`);
        const secret = newWebhookSecret();
        const id = `wh_${randomBytes(8).toString('hex')}`;
        await store.atomically(() =>
          db.insertEndpoint({
            id,
            integrationId: rec.id,
            url,
            secrets: [{ secret, createdAt: Date.now(), expiresAt: null }],
            createdAt: Date.now(),
            disabledAt: null,
            disabledReason: null,
          }),
        );
        show(`webhook ${id} → ${url}\nsigning secret (shown once):\n${secret}`, { id, url, secret });
        return 0;
      }
      default:
        throw new Error(`unknown integrations command "${cmd}"\n\n${INTEGRATIONS_HELP}`);
    }
  } finally {
    await store.close();
  }
}
