// Seed accounts. The demo password is for local demos only: override it with a users file
// (XIAOER_HUB_USERS=path.json or startHub({ usersFile })) or XIAOER_HUB_PASSWORD before exposing a hub.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { IntentSchema, RoleSchema, type Intent } from '../../shared/domain';
import { INTENT_IDS } from '../../shared/intents';
import type { HubStore, UserRecord } from '../store/types';
import { hashPassword } from './password';

export const DEMO_PASSWORD = 'xiaoer123';

export const SeedUserSchema = z.object({
  id: z.string().min(1).max(64).optional(),
  username: z.string().min(1).max(64),
  name: z.string().min(1).max(64),
  role: RoleSchema,
  skills: z.array(IntentSchema).default([]),
  capacity: z.number().int().positive().max(50).default(5),
  password: z.string().min(6).max(256).optional(),
});
export type SeedUser = z.input<typeof SeedUserSchema>;
export const SeedUsersFileSchema = z.object({ users: z.array(SeedUserSchema).min(1).max(1000) });

const presale: Intent[] = ['product_inquiry', 'size_advice', 'stock_inquiry', 'product_compare'];
const promotion: Intent[] = ['coupon_inquiry', 'promotion_rules', 'price_protection', 'membership'];
const logistics: Intent[] = ['shipping_time', 'tracking', 'address_change', 'delivery_exception'];
const returns: Intent[] = ['return_request', 'refund_progress', 'exchange', 'order_cancel', 'payment_issue'];
const service: Intent[] = ['invoice', 'warranty'];
const complaints: Intent[] = ['quality_complaint', 'service_complaint', 'fake_goods', 'damaged_package'];

export const DEFAULT_USERS: SeedUser[] = [
  {
    id: 'agent1',
    username: 'agent1',
    name: '王小明',
    role: 'agent',
    skills: [...presale, ...promotion],
    capacity: 6,
  },
  {
    id: 'agent2',
    username: 'agent2',
    name: '李娜',
    role: 'agent',
    skills: [...logistics, 'order_cancel'],
    capacity: 7,
  },
  { id: 'agent3', username: 'agent3', name: '张伟', role: 'agent', skills: [...returns], capacity: 6 },
  {
    id: 'agent4',
    username: 'agent4',
    name: '刘洋',
    role: 'agent',
    skills: [...complaints, 'return_request'],
    capacity: 5,
  },
  {
    id: 'agent5',
    username: 'agent5',
    name: '陈静',
    role: 'agent',
    skills: [...presale, ...logistics],
    capacity: 8,
  },
  {
    id: 'agent6',
    username: 'agent6',
    name: '杨帆',
    role: 'agent',
    skills: [...service, ...promotion, 'payment_issue'],
    capacity: 6,
  },
  {
    id: 'agent7',
    username: 'agent7',
    name: '赵敏',
    role: 'agent',
    skills: [...complaints, ...returns.slice(0, 3)],
    capacity: 5,
  },
  { id: 'agent8', username: 'agent8', name: '黄磊', role: 'agent', skills: [...INTENT_IDS], capacity: 8 },
  { id: 'lead1', username: 'lead1', name: '周组长', role: 'lead', skills: [...INTENT_IDS], capacity: 10 },
  { id: 'admin', username: 'admin', name: '系统管理员', role: 'admin', skills: [], capacity: 1 },
];

export function loadUsersFile(path: string): SeedUser[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`users file ${path}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = SeedUsersFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `users file ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data.users;
}

/**
 * Creates missing seed users; keeps an existing user's password hash unless the seed gives a password.
 * Hashing runs in parallel on libuv's pool (scrypt is deliberately slow).
 */
export async function seedUsers(
  store: HubStore,
  users: readonly SeedUser[],
  defaultPassword: string,
): Promise<void> {
  const now = Date.now();
  await Promise.all(
    users.map(async (input) => {
      const u = SeedUserSchema.parse(input);
      const id = u.id ?? u.username;
      const existing = await store.getUser(id);
      const passwordHash =
        u.password || !existing?.passwordHash
          ? await hashPassword(u.password ?? defaultPassword)
          : existing.passwordHash;
      const record: UserRecord = {
        id,
        username: u.username,
        name: u.name,
        // Once an account exists its record decides its role (an admin may have demoted it since).
        role: existing?.role ?? u.role,
        skills: u.skills,
        capacity: u.capacity,
        passwordHash,
        createdAt: existing?.createdAt ?? now,
      };
      await store.upsertUser(record);
    }),
  );
}
