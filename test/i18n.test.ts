import { describe, expect, it } from 'vitest';
import { forms, messages, translate, type MessageKey } from '../src/i18n/index.js';

const zh = messages['zh-CN'];
const en = messages.en;
const keys = Object.keys(zh) as MessageKey[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalog', () => {
  it('has every key in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [key, message] of [...Object.entries(zh), ...Object.entries(en)]) {
      for (const text of forms(message)) expect(text.trim(), key).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages, in every plural form', () => {
    for (const key of keys) {
      for (const text of forms(en[key])) expect(placeholders(text), key).toEqual(placeholders(zh[key] as string));
    }
  });

  it('keeps plural forms to English, chosen by a count they show', () => {
    for (const key of keys) {
      expect(typeof zh[key], key).toBe('string');
      const message = en[key];
      if (typeof message === 'string') continue;
      expect(Object.keys(message).sort(), key).toEqual(['one', 'other']);
      expect(placeholders(message.other), key).toContain('count');
    }
  });

  it('has a plural form wherever an English count is followed by a plural noun', () => {
    // "{count} clients", "{count} more communities", "({count} days)": read "1 clients" otherwise.
    const countThenNoun = /\{count\} (?:(?:more|other|current|earlier|of your|missed or refused|legal flag) )?[a-z]+s\b/;
    const plain = keys.filter((key) => typeof en[key] === 'string' && countThenNoun.test(en[key] as string));
    expect(plain).toEqual([]);
  });

  it.each<[MessageKey, Record<string, string | number>, string]>([
    ['due.fallback', { community: 'Meihua', date: '2026-04-08', count: 1 }, 'Meihua 2026-04-08: 1 client due'],
    ['due.fallback', { community: 'Meihua', date: '2026-04-08', count: 2 }, 'Meihua 2026-04-08: 2 clients due'],
    ['due.state.overdue', { kind: 'Visit', date: '2026-04-01', count: 1 }, 'Visit overdue 1 day (due 2026-04-01)'],
    ['due.state.overdue', { kind: 'Visit', date: '2026-04-01', count: 3 }, 'Visit overdue 3 days (due 2026-04-01)'],
    ['due.counts.quiet', { count: 1 }, '1 other community has nothing overdue or due.'],
    ['status.pick.title', { query: 'li', count: 4 }, '4 clients match “li”; pick one:'],
    ['reports.total', { count: 0 }, 'Total (0 communities)'],
  ])('reads %s with %o in English as “%s”', (key, params, text) => {
    expect(translate('en', key, params)).toBe(text);
  });

  it('has one form in Chinese whatever the count', () => {
    expect(translate('zh-CN', 'due.state.overdue', { kind: '走访', count: 1, date: '2026-04-01' })).toBe('走访逾期 1 天（应于 2026-04-01）');
  });

  it('keeps modal titles and buttons within Slack’s 24 characters in both languages', () => {
    const modalKeys = keys.filter((k) => /\.modal\.(title|submit|close)$/.test(k));
    for (const key of modalKeys) {
      for (const text of [...forms(zh[key]), ...forms(en[key])]) expect(text.length, key).toBeLessThanOrEqual(24);
    }
  });

  it('fills placeholders and falls back to the key never', () => {
    expect(translate('en', 'common.usage', { usage: '/visit' })).toBe('Usage: /visit');
    expect(translate('zh-CN', 'common.usage', { usage: '/visit' })).toBe('用法：/visit');
  });
});
