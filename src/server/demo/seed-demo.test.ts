import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/db.js';
import type { Database } from '../db/database.js';
import { DEMO_ACCOUNTS } from './demo-accounts.js';
import { isDatabaseEmpty, seedDemo } from './seed-demo.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

describe('seedDemo', () => {
  it('loads the seeds places and one account per role, idempotently', async () => {
    expect(await isDatabaseEmpty(database.db)).toBe(true);
    await seedDemo(database.db, 'Demo@2026x');
    await seedDemo(database.db, 'Demo@2026x');
    const users = await database.db.selectFrom('users as u').leftJoin('regions as r', 'r.id', 'u.region_id').select(['u.username', 'u.role', 'r.code', 'r.name']).execute();
    expect(users).toHaveLength(DEMO_ACCOUNTS.length);
    const roles = new Set(users.map((u) => u.role));
    expect(roles.size).toBe(8);
    const byName = Object.fromEntries(users.map((u) => [u.username, u]));
    expect(byName['jizhou-admin']).toMatchObject({ role: 'district_admin', code: '360802', name: '吉州区' });
    expect(byName['wenshan-reviewer']).toMatchObject({ role: 'street_reviewer', name: '文山街道' });
    expect(byName['cangkou-staff']).toMatchObject({ role: 'community_staff', code: '360802003009', name: '仓口社区居委会' });
    expect(byName['bengbu-admin']).toMatchObject({ code: '3403', name: '蚌埠市' });
    expect(byName['sysadmin']).toMatchObject({ role: 'sysadmin', code: null });
    expect(byName['auditor']).toMatchObject({ role: 'auditor', code: null });
    for (const code of ['3403', '120116', '360802']) {
      const n = await database.db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).where('code', 'like', `${code}%`).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBeGreaterThan(100);
    }
    expect(await isDatabaseEmpty(database.db)).toBe(false);
  });
});
