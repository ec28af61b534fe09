// The local catalog/promotions cache: products with stock and categories, active promotions and the
// coupon templates the merchant allows. Marketing rules read it offline; it is validated on load.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AgeBandSchema, type Coupon, type Product } from '../../../shared/domain';
import { resourcePath } from '../resources';

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'not an ISO date' });

export const CatalogProductSchema = z.object({
  id: z.string().min(1).max(128),
  title: z.string().min(1).max(200),
  category: z.string().min(1).max(64),
  price: z.number().nonnegative(),
  stock: z.number().int().nonnegative(),
  sizes: z.array(z.string().min(1).max(20)).max(40).default([]),
  /** Products usually bought with this one (搭配), by id. */
  accessories: z.array(z.string().min(1).max(128)).max(20).default([]),
  ageBands: z.array(AgeBandSchema).max(5).default([]),
});
export type CatalogProduct = z.infer<typeof CatalogProductSchema>;

export const PromotionSchema = z.object({
  id: z.string().min(1).max(64),
  title: z.string().min(1).max(100),
  categories: z.array(z.string().min(1).max(64)).min(1),
  startsAt: isoDate,
  endsAt: isoDate,
  text: z.string().min(1).max(200),
});
export type Promotion = z.infer<typeof PromotionSchema>;

export const CouponTemplateSchema = z.object({
  id: z.string().min(1).max(64),
  title: z.string().min(1).max(60),
  amount: z.number().positive(),
  threshold: z.number().nonnegative(),
  validDays: z.number().int().positive().max(365),
  minVip: z.number().int().min(0).max(7).default(0),
});
export type CouponTemplate = z.infer<typeof CouponTemplateSchema>;

export const CatalogFileSchema = z
  .object({
    version: z.literal(1),
    updatedAt: isoDate,
    products: z.array(CatalogProductSchema).max(100_000),
    promotions: z.array(PromotionSchema).max(1000),
    couponTemplates: z.array(CouponTemplateSchema).max(1000),
  })
  .superRefine((f, ctx) => {
    const ids = new Set(f.products.map((p) => p.id));
    f.products.forEach((p, i) =>
      p.accessories.forEach((a, j) => {
        if (!ids.has(a))
          ctx.addIssue({
            code: 'custom',
            path: ['products', i, 'accessories', j],
            message: `unknown product "${a}"`,
          });
      }),
    );
  });
export type CatalogFile = z.infer<typeof CatalogFileSchema>;

export const DEFAULT_CATALOG_PATH = resourcePath('assist/catalog.json');

export function parseJsonFile<T>(schema: z.ZodType<T>, text: string, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${what}: not valid JSON (${(err as Error).message})`, { cause: err });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`${what}: ${issues.join('; ')}`);
  }
  return parsed.data;
}

export class Catalog {
  private readonly byId: Map<string, CatalogProduct>;

  constructor(readonly file: CatalogFile) {
    this.byId = new Map(file.products.map((p) => [p.id, p]));
  }

  static load(path = DEFAULT_CATALOG_PATH): Catalog {
    return new Catalog(parseJsonFile(CatalogFileSchema, readFileSync(path, 'utf8'), `catalog file ${path}`));
  }

  product(id: string): CatalogProduct | undefined {
    return this.byId.get(id);
  }

  products(): readonly CatalogProduct[] {
    return this.file.products;
  }

  /** The product whose title the text names best (longest title prefix of ≥ 4 characters found). */
  productMentionedIn(text: string): CatalogProduct | undefined {
    let best: { p: CatalogProduct; len: number } | undefined;
    for (const p of this.file.products) {
      // Titles carry selling points after a space; the head ("法式碎花雪纺连衣裙") is what customers type.
      const head = p.title.split(/\s+/)[0]!;
      for (let len = head.length; len >= 4; len--) {
        if (text.includes(head.slice(0, len)) || text.includes(head.slice(-len))) {
          if (!best || len > best.len) best = { p, len };
          break;
        }
      }
    }
    return best?.p;
  }

  activePromotions(now: number, category?: string): Promotion[] {
    return this.file.promotions.filter(
      (p) =>
        Date.parse(p.startsAt) <= now &&
        now <= Date.parse(p.endsAt) &&
        (!category || p.categories.includes(category)),
    );
  }

  couponTemplate(id: string): CouponTemplate | undefined {
    return this.file.couponTemplates.find((c) => c.id === id);
  }

  /** The most generous template this VIP level may receive. */
  bestCouponFor(vipLevel: number): CouponTemplate | undefined {
    return [...this.file.couponTemplates]
      .filter((c) => c.minVip <= vipLevel)
      .sort((a, b) => b.amount - a.amount)[0];
  }

  toProduct(p: CatalogProduct, now: number): Product {
    const promo = this.activePromotions(now, p.category)[0];
    return {
      id: p.id,
      title: p.title,
      category: p.category,
      price: p.price,
      stock: p.stock,
      ...(promo ? { promo: promo.title } : {}),
    };
  }

  /** A concrete coupon from a template; the id is stable per ticket so re-sends are recognisable. */
  toCoupon(t: CouponTemplate, ticketId: string, now: number): Coupon {
    return {
      id: `${t.id}-${ticketId}`.slice(0, 128),
      title: t.title,
      amount: t.amount,
      threshold: t.threshold,
      expiresAt: now + t.validDays * 86_400_000,
    };
  }
}
