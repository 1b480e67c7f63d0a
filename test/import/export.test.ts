// Export back (data portability): `npm run export` writes what `npm run import` reads, so a
// roster exported from one database and imported into an empty one exports the same again, and
// importing it back where it came from changes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import type { Prisma } from '../../src/db/client.js';
import { importSheet } from '../../src/import/apply.js';
import { exportCsv } from '../../src/import/export.js';
import { KINDS, type Kind } from '../../src/import/headers.js';
import { readSheet } from '../../src/import/read.js';
import { freshStorage, useTestDatabase } from '../support/db.js';

const t = useTestDatabase();
const TODAY = '2026-03-20';

async function importInto(prisma: Prisma, kind: Kind, bytes: Uint8Array) {
  const read = await readSheet(bytes);
  if (!read.ok) throw new Error(`unreadable: ${read.reason}`);
  return importSheet(prisma, { kind, sheet: read.sheet, fileName: `${kind}.csv`, actor: 'cli:tester', today: TODAY, dryRun: false });
}

const csv = (text: string) => Buffer.from(text, 'utf8');
const ROSTER: Record<Kind, string> = {
  communities: '名称,代码,频道ID\n梅花碑,330102001,C0MEIHUA\n大学路,,\n',
  staff: 'Slack用户ID,姓名,社区,角色\nU0XUJIAN,徐坚,梅花碑,专干\nU0WANG,王芳,大学路,负责人\nU0XUJIAN,徐坚,大学路,\n',
  clients:
    '档案号,化名,社区,类别,报到日期,原报到日期,期限（月）,状态,专干,决定日期,最近走访,最近报到,最近尿检,民警,网格员\n' +
    'MHB-001,"赵某甲",梅花碑,社区康复,2025-03-01,,24,在册,徐坚,2025/2/20,2026年3月2日,2026.3.5,2026/3/5,U0POLICE,"张, 网格"\n' +
    'MHB-002,钱某乙,梅花碑,社区戒毒,2026/1/5,,,,U0XUJIAN,,,,,李警官,\n' +
    'DXL-003,孙某丙,大学路,community_rehab,2026.2.1,2025年8月1日,12,active,徐坚,,,,,,\n',
};

describe('npm run export', () => {
  const opened: Database[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close();
  });

  it('writes UTF-8 with a BOM and Chinese headers that the import reads back, losslessly', async () => {
    for (const kind of KINDS) expect(await importInto(t.db.prisma, kind, csv(ROSTER[kind]))).toMatchObject({ ok: true });
    const exported = new Map<Kind, Buffer>();
    for (const kind of KINDS) exported.set(kind, (await exportCsv(t.db.prisma, kind)).csv);

    const clients = exported.get('clients')!;
    expect([...clients.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = clients.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('案件编号,化名,社区,类别,报到日期,原报到日期,期限(月),状态,专干,决定日期,最近走访,最近报到,最近尿检,民警,网格员,志愿者');
    expect(lines[1]).toBe('DXL-003,孙某丙,大学路,community_rehab,2026-02-01,2025-08-01,12,active,U0XUJIAN,,,2026-02-01,,,,');
    expect(lines[2]).toBe('MHB-001,赵某甲,梅花碑,community_rehab,2025-03-01,,24,active,U0XUJIAN,2025-02-20,2026-03-02,2026-03-05,2026-03-05,U0POLICE,"张, 网格",');

    // Back where it came from: nothing changes.
    for (const kind of KINDS) {
      const result = await importInto(t.db.prisma, kind, exported.get(kind)!);
      expect(result).toMatchObject({ ok: true, counts: { created: 0, updated: 0 } });
    }

    // Into an empty database: the same roster, exported the same again.
    const other = await (await freshStorage()).open();
    opened.push(other);
    await other.migrate();
    for (const kind of KINDS) expect(await importInto(other.prisma, kind, exported.get(kind)!)).toMatchObject({ ok: true, counts: { unchanged: 0 } });
    for (const kind of KINDS) expect((await exportCsv(other.prisma, kind)).csv.toString('utf8')).toBe(exported.get(kind)!.toString('utf8'));
  });
});
