// The fake Slack every test runs against must refuse what Slack refuses, or a bot that calls a
// misspelt method, forgets an argument, reuses a trigger or posts where it was never invited
// would pass its tests and fail in the workspace. Spoken to through the Web API client the bot
// itself uses.
import { WebClient, type WebAPICallResult } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { viewProblems } from '../support/block-kit.js';
import { FAKE_TOKENS, FakeSlack, TRIGGER_LIFETIME_MS } from '../support/fake-slack.js';

let fake: FakeSlack;
let slack: WebClient;
const modal = { type: 'modal', callback_id: 'demo', title: { type: 'plain_text', text: '走访' }, blocks: [] };

/** Slack's error for a call, or 'ok'. */
async function outcome(call: Promise<WebAPICallResult>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    return String((error as { data?: { error?: string } }).data?.error ?? error);
  }
}

beforeAll(async () => {
  fake = await new FakeSlack().start();
  slack = new WebClient(FAKE_TOKENS.bot, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
});
afterAll(async () => fake.stop());
beforeEach(() => {
  fake.reset();
  fake.problems.length = 0;
});

describe('the fake Slack Web API', () => {
  it('refuses a call without a token, with another token, or with the bot token where the app token belongs', async () => {
    const anonymous = new WebClient(undefined, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    const wrong = new WebClient('xoxb-someone-else', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    expect(await outcome(anonymous.auth.test())).toBe('not_authed');
    expect(await outcome(wrong.auth.test())).toBe('invalid_auth');
    expect(await outcome(slack.apps.connections.open())).toBe('invalid_auth');
    expect(await outcome(new WebClient(FAKE_TOKENS.app, { slackApiUrl: fake.apiUrl }).apps.connections.open())).toBe('ok');
    expect(await outcome(slack.auth.test())).toBe('ok');
    expect(fake.problems).toHaveLength(3);
  });

  it('answers unknown_method to a method Slack does not have, and invalid_arguments when a required one is missing', async () => {
    expect(await outcome(slack.apiCall('chat.postMesage', { channel: 'D1', text: 'x' }))).toBe('unknown_method');
    expect(await outcome(slack.apiCall('chat.postMessage', { channel: 'D1' }))).toBe('invalid_arguments');
    expect(await outcome(slack.apiCall('views.open', { view: modal }))).toBe('invalid_arguments');
    expect(await outcome(slack.apiCall('users.info', {}))).toBe('invalid_arguments');
    expect(fake.problems).toEqual([
      'chat.postMesage: unknown_method',
      'chat.postMessage: invalid_arguments ([ERROR] missing required field: text or blocks or attachments)',
      'views.open: invalid_arguments ([ERROR] missing required field: trigger_id or interactivity_pointer)',
      'users.info: invalid_arguments ([ERROR] missing required field: user)',
    ]);
  });

  it('opens one modal per trigger_id, only within 3 seconds of the interaction, and none for a trigger it never gave', async () => {
    const fresh = fake.issueTrigger();
    expect(await outcome(slack.views.open({ trigger_id: fresh, view: modal as never }))).toBe('ok');
    expect(await outcome(slack.views.open({ trigger_id: fresh, view: modal as never }))).toBe('exchanged_trigger_id');
    expect(await outcome(slack.views.open({ trigger_id: fake.issueTrigger(Date.now() - TRIGGER_LIFETIME_MS - 1), view: modal as never }))).toBe('expired_trigger_id');
    expect(await outcome(slack.views.push({ trigger_id: '1234.5678.made-up', view: modal as never }))).toBe('invalid_trigger_id');
    expect(await outcome(slack.views.push({ trigger_id: fake.issueTrigger(Date.now() - TRIGGER_LIFETIME_MS + 500), view: modal as never }))).toBe('ok');
  });

  it('updates only a view it holds, and refuses a stale hash', async () => {
    const opened = await slack.views.open({ trigger_id: fake.issueTrigger(), view: modal as never });
    const { id, hash } = opened.view as { id: string; hash: string };
    expect(await outcome(slack.views.update({ view_id: 'V0NOTHERE', view: modal as never }))).toBe('not_found');
    const updated = await slack.views.update({ view_id: id, hash, view: modal as never });
    expect((updated.view as { hash: string }).hash).not.toBe(hash);
    expect(await outcome(slack.views.update({ view_id: id, hash, view: modal as never }))).toBe('hash_conflict');
    expect(await outcome(slack.views.update({ view_id: id, view: modal as never }))).toBe('ok');
  });

  it('keeps App Home hashes per user', async () => {
    const home = { type: 'home', blocks: [] };
    const first = await slack.views.publish({ user_id: 'U1', view: home as never });
    const hash = (first.view as { hash: string }).hash;
    expect(await outcome(slack.views.publish({ user_id: 'U1', hash, view: home as never }))).toBe('ok');
    expect(await outcome(slack.views.publish({ user_id: 'U1', hash, view: home as never }))).toBe('hash_conflict');
    expect(await outcome(slack.views.publish({ user_id: 'U2', view: home as never }))).toBe('ok');
  });

  it('answers not_in_channel in a channel the bot was not invited to, and takes direct messages', async () => {
    expect(await outcome(slack.chat.postMessage({ channel: 'C0MEIHUA', text: '今日待办' }))).toBe('not_in_channel');
    expect(await outcome(slack.chat.postEphemeral({ channel: 'G0PRIVATE', user: 'U1', text: '已保存' }))).toBe('not_in_channel');
    expect(await outcome(slack.conversations.history({ channel: 'C0MEIHUA' }))).toBe('not_in_channel');
    expect(fake.messagesIn('C0MEIHUA')).toEqual([]);
    expect(await outcome(slack.chat.postMessage({ channel: 'D0DM', text: '你好' }))).toBe('ok');
    expect(await outcome(slack.chat.postMessage({ channel: 'U0WORKER', text: '你好' }))).toBe('ok');

    fake.join('C0MEIHUA');
    const posted = await slack.chat.postMessage({ channel: 'C0MEIHUA', text: '今日待办' });
    expect(fake.messagesIn('C0MEIHUA').map((m) => m.text)).toEqual(['今日待办']);
    expect(await outcome(slack.chat.update({ channel: 'C0MEIHUA', ts: String(posted.ts), text: '~今日待办~' }))).toBe('ok');
    expect(fake.messagesIn('C0MEIHUA').map((m) => m.text)).toEqual(['~今日待办~']);
    expect(await outcome(slack.chat.update({ channel: 'C0MEIHUA', ts: '1.000001', text: 'x' }))).toBe('message_not_found');

    fake.leave('C0MEIHUA');
    expect(await outcome(slack.chat.postMessage({ channel: 'C0MEIHUA', text: '今日待办' }))).toBe('not_in_channel');
  });
});

describe('Block Kit limits the fake enforces', () => {
  const select = (element: Record<string, unknown>) => ({ type: 'modal', title: { type: 'plain_text', text: 't' }, blocks: [{ type: 'input', block_id: 'client', label: { type: 'plain_text', text: 'l' }, element: { action_id: 'client', ...element } }] });
  const option = (n: number) => ({ text: { type: 'plain_text', text: `选项${n}` }, value: String(n) });

  it('option groups: at most 100, labels of 75 characters, 100 options each', () => {
    const groups = (count: number, label: string, options: number) => Array.from({ length: count }, () => ({ label: { type: 'plain_text', text: label }, options: Array.from({ length: options }, (_, i) => option(i)) }));
    expect(viewProblems(select({ type: 'static_select', option_groups: groups(100, '社'.repeat(75), 100) }))).toEqual([]);
    expect(viewProblems(select({ type: 'static_select', option_groups: groups(101, '社', 1) }))).toEqual([expect.stringContaining('101 option groups (max 100)')]);
    expect(viewProblems(select({ type: 'static_select', option_groups: groups(1, '社'.repeat(76), 1) }))).toEqual([expect.stringContaining('option group label over 75')]);
    expect(viewProblems(select({ type: 'static_select', option_groups: groups(1, '社', 101) }))).toEqual([expect.stringContaining('option group with 101 options')]);
    expect(viewProblems(select({ type: 'static_select', option_groups: [{ label: { type: 'plain_text', text: 'g' }, options: [{ text: { type: 'plain_text', text: '长'.repeat(76) }, value: 'v' }] }] }))).toEqual([expect.stringContaining('option text over 75')]);
    expect(viewProblems(select({ type: 'static_select' }))).toEqual([expect.stringContaining('without options or option_groups')]);
  });

  it('placeholders of at most 150 characters', () => {
    const placeholder = (n: number) => ({ type: 'plain_text', text: '输'.repeat(n) });
    expect(viewProblems(select({ type: 'plain_text_input', placeholder: placeholder(150) }))).toEqual([]);
    expect(viewProblems(select({ type: 'plain_text_input', placeholder: placeholder(151) }))).toEqual([expect.stringContaining('placeholder over 150')]);
    expect(viewProblems(select({ type: 'external_select', placeholder: placeholder(151) }))).toEqual([expect.stringContaining('placeholder over 150')]);
  });
});
