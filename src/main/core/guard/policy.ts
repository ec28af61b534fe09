// The merchant's service policy values the pre-send guard and the macros read (return window, carriers,
// per-role limits …). Operator-editable JSON, validated on load so a typo fails loudly with its path.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Role } from '../../../shared/domain';
import { resourcePath } from '../resources';

const perRole = z.object({
  agent: z.number().nonnegative(),
  lead: z.number().nonnegative(),
  admin: z.number().nonnegative(),
});

export const PolicySchema = z.object({
  version: z.literal(1),
  merchant: z.string().min(1).max(64),
  /** 七天无理由: days after delivery a no-reason return is accepted. */
  returnDays: z.number().int().positive().max(365),
  exchangeDays: z.number().int().positive().max(365),
  priceProtectDays: z.number().int().nonnegative().max(365),
  /** Refund reaches the customer within this many hours once approved. */
  refundHours: z
    .number()
    .positive()
    .max(24 * 60),
  shipWithinHours: z
    .number()
    .positive()
    .max(24 * 60),
  freeShippingThreshold: z.number().nonnegative(),
  /** Carriers the merchant actually ships with; promising another one is a promise we cannot keep. */
  carriers: z.array(z.string().min(1).max(32)).min(1).max(20),
  /** Yuan an agent of each role may compensate per ticket. */
  maxCompensation: perRole,
  /** Largest coupon (yuan) each role may hand out. */
  maxCouponAmount: perRole,
  /** Lowest 折 each role may grant (9 = 九折 = 10% off). */
  minDiscountFold: perRole,
});
export type Policy = z.infer<typeof PolicySchema>;
export type PolicyRole = Role;

export const DEFAULT_POLICY_PATH = resourcePath('assist/policy.json');

export function parsePolicy(text: string, path = '(inline)'): Policy {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`policy file ${path}: not valid JSON (${(err as Error).message})`, { cause: err });
  }
  const parsed = PolicySchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`policy file ${path}: ${issues.join('; ')}`);
  }
  return parsed.data;
}

export function loadPolicy(path = DEFAULT_POLICY_PATH): Policy {
  return parsePolicy(readFileSync(path, 'utf8'), path);
}

/** Short carrier name for matching and display: 中通快递 → 中通. */
export function carrierShort(name: string): string {
  return name.replace(/(快递|快运|速运|物流|速递|EMS)$/u, '') || name;
}
