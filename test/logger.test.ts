// The log lines: JSON with a stable event name, and never a secret or a piece of personal data,
// whatever depth a careless call nests it at. The names redacted are listed here on their own,
// from where each comes, so that a name dropped from the logger's list fails a test.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CENSOR, createLogger, errorFields, redactDeep } from '../src/logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: createLogger({ level: 'info', destination }) };
}

/** Secrets, by the names configuration, Slack's API and HTTP headers give them. */
const SECRET_KEYS = [
  'token', 'botToken', 'appToken', 'userToken', 'accessToken', 'refreshToken', // Slack tokens
  'authorization', // the HTTP header carrying a token
  'secret', 'signingSecret', 'clientSecret', 'password', // configuration
  'signature', 'x-slack-signature', // a signed request's proof
];
/** Personal data, by the names of the fields that hold it. */
const PERSONAL_KEYS = [
  'alias', 'aliasPinyin', 'aliasInitials', // the client's 化名 and its search forms
  'notes', 'note', 'reason', 'receivingPlace', // free text: visits, status changes, corrections, transfers
  'policeName', 'gridWorkerName', 'volunteerName', // the support team
  'displayName', 'participants', // staff, and the people at an outreach event
  'text', // a Slack message or a typed command
  'name', 'realName', 'real_name', 'display_name', 'userName', 'user_name', // people's names as Slack gives them
];

describe('logs', () => {
  it('are JSON lines with a stable event name', () => {
    const { lines, log } = capture();
    log.info({ event: 'visit.created', visitId: 7 });
    expect(lines[0]).toMatchObject({ event: 'visit.created', visitId: 7, level: 30 });
  });

  it('redact secrets, notes, aliases and names at any depth', () => {
    const { lines, log } = capture();
    log.warn({
      event: 'test.redaction',
      token: 'xoxb-secret',
      headers: { 'x-slack-signature': 'v0=abc' },
      payload: { view: { state: { values: { notes: { notes: { value: 'relapsed last week' } } } } } },
      client: { id: 3, caseNumber: 'XY-1', alias: '赵某甲', team: [{ name: '王警官' }] },
      config: { slack: { signingSecret: 'shh', botToken: 'xoxb-2' } },
    });
    const text = JSON.stringify(lines[0]);
    for (const secret of ['xoxb-secret', 'v0=abc', 'relapsed last week', '赵某甲', '王警官', 'shh', 'xoxb-2']) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({ client: { id: 3, caseNumber: 'XY-1', alias: '[redacted]' } });
  });

  it('log an error as its kind, codes and frames, never its message or data', () => {
    const { lines, log } = capture();
    // What a failed insert says: the values it was given.
    const error = Object.assign(new Error('Invalid `prisma.client.create()` invocation: { alias: "赵某甲", notes: "relapsed" }'), {
      name: 'PrismaClientValidationError',
      code: 'P2009',
      meta: { target: ['alias'], alias: '赵某甲' },
      data: { notes: 'private', error: 'not_in_channel' },
    });
    log.error({ event: 'test.error', err: error, nested: { cause: error } });
    log.error(error);
    const text = JSON.stringify(lines);
    for (const secret of ['赵某甲', 'relapsed', 'private', 'Invalid']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ err: { error: 'PrismaClientValidationError', code: 'P2009', slackError: 'not_in_channel' } });
    expect((lines[0]!.err as { at: string[] }).at[0]).toMatch(/logger\.test\.ts/);
  });

  it('show the codes a refusal or a run gives, under their own keys', () => {
    const { lines, log } = capture();
    log.info({ event: 'visits.undo_refused', refusal: 'tooLate', trigger: 'retry', cause: 'SIGTERM' });
    expect(lines[0]).toMatchObject({ refusal: 'tooLate', trigger: 'retry', cause: 'SIGTERM' });
  });

  it.each([...SECRET_KEYS, ...PERSONAL_KEYS])('never show a value under %s, at the top or nested in objects and arrays', (key) => {
    const { lines, log } = capture();
    const value = `value-of-${key}`;
    log.info({ event: 'test.key', [key]: value, payload: { items: [{ id: 1, [key]: value }] } });
    expect(JSON.stringify(lines[0])).not.toContain(value);
    expect(lines[0]).toMatchObject({ [key]: CENSOR, payload: { items: [{ id: 1, [key]: CENSOR }] } });
  });

  it('redact a key whatever its case, as HTTP headers may spell it', () => {
    expect(redactDeep({ Authorization: 'Bearer xoxb-1', 'X-Slack-Signature': 'v0=1', ALIAS: '赵某甲' })).toEqual({
      Authorization: CENSOR,
      'X-Slack-Signature': CENSOR,
      ALIAS: CENSOR,
    });
  });

  it('keep ids, codes and dates, which say what happened without saying who', () => {
    const at = new Date('2026-11-18T02:00:00Z');
    const kept = { event: 'visit.created', clientId: 3, caseNumber: 'XY-1', at, state: ['posted', null, 2] };
    expect(redactDeep(kept)).toEqual(kept);
  });

  it('stop at a cycle or a depth no log line needs, rather than loop or grow', () => {
    const cyclic: Record<string, unknown> = { id: 1 };
    cyclic.self = cyclic;
    expect(redactDeep(cyclic)).toEqual({ id: 1, self: '[…]' });

    let deep: Record<string, unknown> = { alias: '赵某甲' };
    for (let i = 0; i < 20; i += 1) deep = { next: deep };
    const text = JSON.stringify(redactDeep(deep));
    expect(text).not.toContain('赵某甲');
    expect(text).toContain('[…]');
  });

  it('name the app and the time on every line, for a log store shared with other services', () => {
    const { lines, log } = capture();
    log.info({ event: 'test.line' });
    expect(lines[0]).toMatchObject({ app: 'sunshine-station', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) });
  });

  it('show what is nested as deep as a line needs (8 levels), in objects and arrays alike', () => {
    const eight = { a: { b: { c: { d: { e: { f: { g: { h: { id: 1 } } } } } } } } };
    expect(redactDeep(eight)).toEqual(eight);
    let arrays: unknown = [{ id: 1 }];
    for (let i = 0; i < 20; i += 1) arrays = [arrays];
    expect(JSON.stringify(redactDeep(arrays))).toContain('[…]');
  });

  it('describe anything thrown: a value that is no Error by its type, codes of either kind, no Slack error when there is none', () => {
    expect(errorFields('timeout')).toStrictEqual({ error: 'string' });
    expect(errorFields(undefined)).toStrictEqual({ error: 'undefined' });
    expect(errorFields({ name: 'HttpError', code: 503 })).toStrictEqual({ error: 'HttpError', code: 503 });
    expect(errorFields({ name: 'Error', code: { detail: '赵某甲' }, data: {} })).toStrictEqual({ error: 'Error' });
  });

  it('keep only the first 8 stack frames of an error, trimmed, and nothing of the message lines above them', () => {
    const frames = Array.from({ length: 10 }, (_, i) => `    at frame${i} (file.js:${i}:1)`);
    const error = { name: 'Error', stack: ['Error: no visit at   赵某甲 home', '  while saving at 赵某甲', ...frames].join('\n') };
    expect(errorFields(error)).toStrictEqual({ error: 'Error', at: frames.slice(0, 8).map((f) => f.trim()) });
  });
});
