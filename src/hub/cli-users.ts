// `npm run hub -- users <list|disable|enable|role> …`: account administration on a hub's database
// file or its Redis (cli-store.ts). A running hub on the same store notices within its access sync (2 s) and drops the user's
// sockets; their tokens stop working on the next command or route either way.
import { parseArgs } from 'node:util';
import { RoleSchema } from '../shared/domain';
import { STORE_CLI_HELP, STORE_CLI_OPTIONS, openCliStore } from './cli-store';
import type { UserAccessChange } from './store/types';

export const USERS_HELP = `Usage: npm run hub -- users <command> (--db PATH | --redis URL [--redis-prefix P])

  list                 every account with its role and whether it is disabled
  disable NAME         the account can no longer log in; its sessions end
  enable NAME          undoes disable
  role NAME ROLE       agent | lead | admin; the user's sessions end (log in again with the new role)

NAME is the user name (or id).
${STORE_CLI_HELP}`;

export async function runUsersCli(argv: readonly string[], out = process.stdout): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { ...STORE_CLI_OPTIONS, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USERS_HELP}\n`);
    return 2;
  }
  const [command, name, role] = parsed.positionals;
  if (parsed.values.help || !command) {
    out.write(`${USERS_HELP}\n`);
    return parsed.values.help ? 0 : 2;
  }
  const store = await openCliStore(parsed.values);
  if (typeof store === 'string') {
    process.stderr.write(`${store}\n\n${USERS_HELP}\n`);
    return 2;
  }
  try {
    if (command === 'list') {
      for (const u of await store.listUsers())
        out.write(`${u.username}\t${u.role}\t${u.disabled ? 'disabled' : 'active'}\t${u.name}\n`);
      return 0;
    }
    if (!name) {
      process.stderr.write(`users ${command} needs a user NAME\n`);
      return 2;
    }
    const user = (await store.getUserByUsername(name)) ?? (await store.getUser(name));
    if (!user) {
      process.stderr.write(`no user "${name}"\n`);
      return 1;
    }
    let change: UserAccessChange;
    if (command === 'disable') change = { disabled: true };
    else if (command === 'enable') change = { disabled: false };
    else if (command === 'role') {
      const r = RoleSchema.safeParse(role);
      if (!r.success) {
        process.stderr.write(`role must be one of ${RoleSchema.options.join(', ')}, got "${role ?? ''}"\n`);
        return 2;
      }
      change = { role: r.data };
    } else {
      process.stderr.write(`unknown users command "${command}"\n\n${USERS_HELP}\n`);
      return 2;
    }
    const after = (await store.setUserAccess(user.id, change))!;
    out.write(`${after.username}\t${after.role}\t${after.disabled ? 'disabled' : 'active'}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
