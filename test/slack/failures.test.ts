// What a person is told when the database fails under their command: a read says that loading
// failed, a change says that nothing was saved — never the other way round, and always in their
// language. The failure is real: a table the command needs is renamed away for the moment.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { useTestDatabase } from '../support/db.js';
import { ADMIN, useTestBot } from '../support/test-bot.js';

const zh = translator('zh-CN');
const en = translator('en');
const MANAGER = 'U0MANAGER1';

describe('a command whose database work fails', () => {
  const t = useTestDatabase();
  const { app } = useTestBot(t, new Date('2026-11-18T02:00:00Z'));

  const ask = (user: string, text: string) => app.driver.ask(user, '/caseload', text);
  const broken: string[] = [];
  /** Renames a table away until the end of the test. */
  const breakTable = async (table: string) => {
    await t.db.prisma.$executeRawUnsafe(`ALTER TABLE "${table}" RENAME TO "${table}_away"`);
    broken.push(table);
  };
  afterEach(async () => {
    for (const table of broken.splice(0)) await t.db.prisma.$executeRawUnsafe(`ALTER TABLE "${table}_away" RENAME TO "${table}"`);
  });

  beforeEach(async () => {
    await ask(ADMIN, 'community add 梅花碑');
    await ask(ADMIN, `staff add <@${MANAGER}> 梅花碑 manager`);
    await ask(MANAGER, 'lang en');
  });

  it('says loading failed for a due list, the weekly counts and a status, in the asker’s language', async () => {
    await breakTable('Client');
    expect(await ask(MANAGER, 'due')).toBe(en('common.error.load'));
    expect(await ask(MANAGER, 'week')).toBe(en('common.error.load'));
    expect(await ask(MANAGER, 'status MH-001')).toBe(en('common.error.load'));
    expect(await ask(ADMIN, 'due')).toBe(zh('common.error.load'));
    expect(app.logs.filter((l) => l.event === 'command.failed').map((l) => l.command)).toEqual(['due', 'week', 'status', 'due']);
  });

  it('says nothing was saved when a change fails, and nothing is', async () => {
    await breakTable('AuditLog');
    expect(await ask(ADMIN, 'community add 大学路')).toBe(zh('common.error.save'));
    expect(await ask(MANAGER, 'lang zh')).toBe(en('common.error.save'));
    broken.splice(0);
    await t.db.prisma.$executeRawUnsafe(`ALTER TABLE "AuditLog_away" RENAME TO "AuditLog"`);
    expect((await t.db.prisma.community.findMany()).map((c) => c.name)).toEqual(['梅花碑']);
    expect((await t.db.prisma.staff.findUniqueOrThrow({ where: { slackUserId: MANAGER } })).locale).toBe('en');
  });

  it('answers even when who is asking cannot be looked up, in the default language', async () => {
    await breakTable('Staff');
    expect(await ask(MANAGER, 'due')).toBe(zh('common.error.load'));
    expect(await ask(ADMIN, 'community add 大学路')).toBe(zh('common.error.save'));
  });
});
