import { describe, expect, it } from 'vitest';
import { openEmbeddedDatabase } from '../../src/db/client.js';
import { DataDirLockedError } from '../../src/db/lock.js';
import { tempDir } from '../support/process.js';

describe('embedded database', () => {
  it('is created on first use and keeps its data across restarts', async () => {
    const dir = tempDir();
    const first = await openEmbeddedDatabase(dir);
    expect(await first.migrate()).not.toEqual([]);
    await first.prisma.community.create({ data: { name: '小营巷' } });
    await first.close();

    const second = await openEmbeddedDatabase(dir);
    try {
      expect(await second.migrate()).toEqual([]);
      expect((await second.prisma.community.findMany()).map((c) => c.name)).toEqual(['小营巷']);
    } finally {
      await second.close();
    }
  });

  it('refuses a second opening of the same folder while the first is open', async () => {
    const dir = tempDir();
    const first = await openEmbeddedDatabase(dir);
    try {
      await expect(openEmbeddedDatabase(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      await first.close();
    }
    const again = await openEmbeddedDatabase(dir);
    await again.close();
  });
});
