import { describe, expect, it } from 'vitest';
import { escapeMrkdwn } from '../../src/slack/text.js';

describe('text people typed, shown in mrkdwn', () => {
  it.each([
    ['赵某甲', '赵某甲'],
    ['<@U0ADMIN01> & <!channel>', '&lt;@U0ADMIN01&gt; &amp; &lt;!channel&gt;'],
    ['*bold* _it_ ~gone~ `code`', '＊bold＊ ＿it＿ ～gone～ ｀code｀'],
    ['> quoted', '&gt; quoted'],
    ['赵某\n*MH-999 伪造* — 走访逾期', '赵某 ＊MH-999 伪造＊ — 走访逾期'],
    ['a\r\n\tb\u2028c', 'a b c'],
  ])('%j → %j', (typed, shown) => {
    expect(escapeMrkdwn(typed)).toBe(shown);
  });
});
