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

  it('redact inside logged errors too', () => {
    const { lines, log } = capture();
    const error = Object.assign(new Error('boom'), { data: { notes: 'private' } });
    log.error({ event: 'test.error', err: error });
    expect(JSON.stringify(lines[0])).not.toContain('private');
    expect(JSON.stringify(lines[0])).toContain('boom');
  });
});
