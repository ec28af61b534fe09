// What kind of product an order is for, read from its title: orders arrive with titles, not categories
// (the escalation contract carries none). A macro about sizes or fabric care only fits clothes and
// shoes, one about shelf life only food; unknown titles fit everything, as before.
import type { Order } from '../../../shared/domain';
import { z } from 'zod';

export const PRODUCT_KINDS = ['apparel', 'shoes', 'food', 'electronics', 'beauty', 'home'] as const;
export const ProductKindSchema = z.enum(PRODUCT_KINDS);
export type ProductKind = z.infer<typeof ProductKindSchema>;

// First match wins: shoes before clothes (运动鞋服), devices before food (苹果手机壳).
const KIND_WORDS: readonly [ProductKind, RegExp][] = [
  ['shoes', /鞋|靴/],
  ['electronics', /耳机|充电|手表|手环|键盘|鼠标|手机|电脑|平板|音箱|相机|数据线|蓝牙|mAh|显示器|路由器/i],
  ['beauty', /面膜|防晒|口红|唇|洁面|精华|乳液|面霜|粉底|眼影|香水|护肤|洗面奶|卸妆|爽肤水/],
  [
    'food',
    /苹果|坚果|咖啡|茶叶|零食|螺蛳粉|大米|面条|饼干|糖果|奶粉|牛奶|牛肉|水果|斤装|蜂蜜|红枣|粽子|月饼/,
  ],
  ['apparel', /衣|服|裤|裙|衫|T恤|外套|夹克|袜|帽|围巾/i],
  ['home', /四件套|枕|被|床|杯|锅|毛巾|收纳|拖把|餐具|窗帘|地毯|台灯/],
];

export function productKind(title: string): ProductKind | undefined {
  return KIND_WORDS.find(([, re]) => re.test(title))?.[0];
}

/** The kind of the order's first item, when its title says. */
export function orderKind(order: Pick<Order, 'items'> | undefined): ProductKind | undefined {
  const title = order?.items[0]?.title;
  return title ? productKind(title) : undefined;
}
