import { describe, expect, it } from 'vitest';
import { messages, translate } from '../src/i18n/index.js';

const zh = messages['zh-CN'];
const en = messages.en;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalog', () => {
  it('has every key in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [key, text] of [...Object.entries(zh), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it('keeps modal titles and buttons within Slack’s 24 characters in both languages', () => {
    const modalKeys = Object.keys(zh).filter((k) => /\.modal\.(title|submit|close)$/.test(k)) as (keyof typeof zh)[];
    for (const key of modalKeys) {
      expect(zh[key].length, key).toBeLessThanOrEqual(24);
      expect(en[key].length, key).toBeLessThanOrEqual(24);
    }
  });

  it('fills placeholders and falls back to the key never', () => {
    expect(translate('en', 'common.usage', { usage: '/visit' })).toBe('Usage: /visit');
    expect(translate('zh-CN', 'common.usage', { usage: '/visit' })).toBe('用法：/visit');
  });
});
