import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

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
});
