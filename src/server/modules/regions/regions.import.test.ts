import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../test/db.js';
import type { Database } from '../../db/database.js';
import { importRegions, UnknownDivisionError } from './regions.import.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

describe('importRegions', () => {
  it('imports a district with its ancestors and correct ancestor ids per level', async () => {
    const progress: number[] = [];
    const s = await importRegions(database.db, '110101', { onProgress: (done) => progress.push(done) });
    expect(s.inserted).toBe(s.total);
    expect(s.total).toBeGreaterThan(50);
    expect(progress.at(-1)).toBe(s.total);
    const db = database.db;
    const beijing = await db.selectFrom('regions').selectAll().where('code', '=', '11').executeTakeFirstOrThrow();
    const city = await db.selectFrom('regions').selectAll().where('code', '=', '1101').executeTakeFirstOrThrow();
    const district = await db.selectFrom('regions').selectAll().where('code', '=', '110101').executeTakeFirstOrThrow();
    const community = await db.selectFrom('regions').selectAll().where('code', '=', '110101001001').executeTakeFirstOrThrow();
    expect(district).toMatchObject({ name: '东城区', level: 3, kind: 'district', parent_id: city.id, level1_id: beijing.id, level2_id: city.id, level3_id: district.id });
    expect(community).toMatchObject({ name: '多福巷社区居委会', level: 5, kind: 'community', level3_id: district.id, level5_id: community.id, pinyin: 'duofuxiangshequjuweihui', initials: 'dfxsqjwh' });
    expect(community.name_bigrams).toContain('福巷');
  });

  it('is idempotent: a second import changes nothing', async () => {
    const before = await database.db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const s = await importRegions(database.db, '110101');
    expect(s).toMatchObject({ inserted: 0, updated: 0, unchanged: s.total });
    const after = await database.db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('restores a renamed node and keeps a manual kind', async () => {
    await database.db.updateTable('regions').set({ name: '旧名', kind: 'village', kind_manual: true }).where('code', '=', '110101001001').execute();
    const s = await importRegions(database.db, '110101', { batchSize: 7 });
    expect(s.updated).toBe(1);
    const row = await database.db.selectFrom('regions').selectAll().where('code', '=', '110101001001').executeTakeFirstOrThrow();
    expect(row.name).toBe('多福巷社区居委会');
    expect(row.kind).toBe('village');
  });

  it('refuses a code that is not in the data', async () => {
    await expect(importRegions(database.db, '999999')).rejects.toBeInstanceOf(UnknownDivisionError);
    await expect(importRegions(database.db, '12345')).rejects.toBeInstanceOf(UnknownDivisionError);
  });
});
