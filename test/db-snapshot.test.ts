import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { changedTables, snapshotDatabase } from './db-snapshot.js';
import { PLACES } from './factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('snapshotDatabase', () => {
  it('sees a changed value, a new row, and nothing when nothing changed', async () => {
    const db = t.database.db;
    const first = await snapshotDatabase(db);
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['orgs', 'regions', 'users', 'audit_log']));
    expect(changedTables(first, await snapshotDatabase(db))).toEqual([]);

    await db.updateTable('regions').set({ population: 4321 }).where('code', '=', PLACES.cangkou).execute();
    const second = await snapshotDatabase(db);
    // the population counter trigger keeps stats_places in step
    expect(changedTables(first, second)).toEqual(['regions', 'stats_places']);
    expect(second.regions!.rows).toBe(first.regions!.rows);

    await t.loginAs({ role: 'community_staff' });
    expect(changedTables(second, await snapshotDatabase(db))).toEqual(expect.arrayContaining(['audit_log', 'sessions', 'users']));
  });

  it('leaves out what it is told to', async () => {
    const db = t.database.db;
    const ignore = { regions: ['population'], stats_places: '*' as const };
    const before = await snapshotDatabase(db, { ignore });
    await db.updateTable('regions').set({ population: 1234 }).where('code', '=', PLACES.cangkou).execute();
    expect(changedTables(before, await snapshotDatabase(db, { ignore }))).toEqual([]);
    expect(await snapshotDatabase(db, { ignore: { regions: '*' } })).not.toHaveProperty('regions');
  });
});
