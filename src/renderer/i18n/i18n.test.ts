import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources } from './index';
import { en } from './en';
import { zhCN } from './zh-CN';

function leafKeys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'string' ? [prefix + k] : leafKeys(v as object, `${prefix}${k}.`),
  );
}

describe('translations', () => {
  it('English has every Chinese key (plus optional singular forms only)', () => {
    const zh = new Set(leafKeys(zhCN));
    const enKeys = leafKeys(en);
    expect(enKeys.filter((k) => !zh.has(k) && !(k.endsWith('_one') && zh.has(k.slice(0, -4))))).toEqual([]);
    expect([...zh].filter((k) => !enKeys.includes(k))).toEqual([]);
  });

  it('no translation is empty', () => {
    const empty = (o: object) =>
      leafKeys(o).filter(
        (k) => k.split('.').reduce<unknown>((v, p) => (v as Record<string, unknown>)[p], o) === '',
      );
    expect(empty(zhCN)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });

  it('uses singular forms in English and the plain form in Chinese', async () => {
    const inst = i18n.createInstance();
    await inst.init({ resources, lng: 'en', interpolation: { escapeValue: false } });
    expect(inst.t('queue.count', { count: 1 })).toBe('1 conversation');
    expect(inst.t('queue.count', { count: 3 })).toBe('3 conversations');
    await inst.changeLanguage('zh-CN');
    expect(inst.t('queue.count', { count: 1 })).toBe('1 个会话');
  });
});
