import { describe, expect, it } from 'vitest';
import { SLACK_USER_ID, SLACK_USER_ID_PATTERN } from '../../src/domain/slack-ids.js';

describe('Slack user ids', () => {
  it.each([
    ['U012AB3CD', true],
    ['W012AB3CD', true],
    ['U01', true],
    ['U0', false],
    ['u012ab3cd', false],
    ['C012AB3CD', false],
    ['<@U012AB3CD>', false],
    [' U012AB3CD', false],
    ['U012AB3CD ', false],
    ['U012-AB3', false],
    ['', false],
  ])('%j is a user id: %s', (id, valid) => {
    expect(SLACK_USER_ID.test(id)).toBe(valid);
  });

  it('finds the id inside a mention', () => {
    expect('<@W0ABC|zhou>'.match(new RegExp(`<@(${SLACK_USER_ID_PATTERN})`))?.[1]).toBe('W0ABC');
  });
});
