// Nothing personal reaches the log, even at LOG_LEVEL=trace and when saves fail: the bot's
// requests run with aliases and notes in them while the database refuses (a table it needs is
// renamed away), and the log must hold no alias, no note and no secret.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/db.js';
import { FAKE_TOKENS } from '../support/fake-slack.js';
import { ADMIN, SECRET, useTestBot } from '../support/test-bot.js';

const WORKER = 'U0WORKER01';
const ALIAS = '赵某甲';
const NOTE = '备注NOTE-私密';

describe('the log, at trace level, with saves failing', () => {
  const t = useTestDatabase();
  const { app } = useTestBot(t, new Date('2026-11-18T02:00:00Z'), { logLevel: 'trace' });
  const away: string[] = [];
  const breakTable = async (table: string) => {
    await t.db.prisma.$executeRawUnsafe(`ALTER TABLE "${table}" RENAME TO "${table}_away"`);
    away.push(table);
  };
  const mend = async () => {
    for (const table of away.splice(0)) await t.db.prisma.$executeRawUnsafe(`ALTER TABLE "${table}_away" RENAME TO "${table}"`);
  };
  afterEach(mend);

  beforeEach(async () => {
    await app.driver.ask(ADMIN, '/caseload', 'community add 梅花碑');
    await app.driver.ask(ADMIN, '/caseload', `staff add <@${WORKER}> 梅花碑`);
  });

  const intake = async (caseNumber: string) => {
    const { triggerId } = await app.driver.command(WORKER, '/caseload', 'client add');
    return app.driver.submit(WORKER, await app.driver.openedView(triggerId), {
      case_number: caseNumber, alias: ALIAS, program: 'community_rehab', start_date: '2026-11-18', notes: NOTE,
    });
  };
  const record = async (command: '/visit' | '/checkin', values: Record<string, string>) => {
    const { triggerId } = await app.driver.command(WORKER, command, 'MH-001');
    return app.driver.submit(WORKER, await app.driver.openedView(triggerId), values);
  };

  it('holds no alias, note or secret', async () => {
    expect((await intake('MH-001')).text).toBe('');
    await breakTable('UrineTest');
    expect((await record('/checkin', { urine: 'positive', notes: NOTE })).json().response_action).toBe('errors');
    expect((await record('/visit', { kind: 'home', urine: 'negative', notes: NOTE })).json().response_action).toBe('errors');
    await mend();
    await breakTable('AuditLog');
    expect((await intake('MH-002')).json().response_action).toBe('errors');
    expect(await app.driver.ask(WORKER, '/caseload', `status ${ALIAS}`)).toContain('出了点问题');
    await mend();
    expect((await record('/visit', { kind: 'home', notes: NOTE })).text).toBe('');

    const failures = app.logs.filter((l) => l.level >= 50);
    expect(failures.length).toBeGreaterThanOrEqual(4);
    expect(app.logs.some((l) => l.level === 10)).toBe(true); // trace lines were written
    const text = JSON.stringify(app.logs);
    for (const secret of [ALIAS, 'zhaomoujia', NOTE, 'NOTE-私密', FAKE_TOKENS.bot, SECRET]) expect(text, secret).not.toContain(secret);
  });
});
