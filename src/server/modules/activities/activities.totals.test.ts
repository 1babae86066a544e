import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { createTestOrg, createTestUser, PLACES } from '../../../../test/factories.js';
import type { RequestContext } from '../../lib/context.js';
import { createActivity, deleteActivity, updateActivity } from './activities.service.js';
import { recomputeTotals } from './activities.totals.js';

/**
 * The kept month totals must equal a recompute from the activities after any sequence of creates, edits and
 * deletes (DESIGN §5: counters kept in step, with a full recompute that agrees), and last_activity_on the latest
 * live activity day.
 */
let t: TestApp;
let ctx: RequestContext;
const orgIds: number[] = [];
beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const user = await createTestUser(db, { role: 'community_staff', regionCode: PLACES.cangkou });
  const region = await db.selectFrom('regions').select(['id', 'code', 'name', 'level']).where('code', '=', PLACES.cangkou).executeTakeFirstOrThrow();
  ctx = { actor: { id: user.id, username: user.username, displayName: 'x', role: 'community_staff', region: { ...region, id: Number(region.id) }, orgId: null }, requestId: 'prop', ip: null };
  for (const code of [PLACES.cangkou, PLACES.cangkou]) orgIds.push((await createTestOrg(db, { regionCode: code })).id);
});
afterAll(async () => t?.close());

type Totals = { region_id: string; month: string; activity_type: string; activities: number; participants: string; beneficiaries: string; volunteers: string; volunteer_minutes: string }[];
const snapshot = async (): Promise<Totals> =>
  (await sql<Totals[number]>`select region_id::text, to_char(month, 'YYYY-MM') as month, activity_type, activities, participants::text, beneficiaries::text, volunteers::text, volunteer_minutes::text
    from ledger_month_totals where activities <> 0 order by 1, 2, 3`.execute(t.database.db)).rows;

const TYPES = ['文体活动', '志愿服务', '议事协商'];
const day = fc.record({ m: fc.integer({ min: 1, max: 4 }), d: fc.integer({ min: 1, max: 28 }), h: fc.integer({ min: 0, max: 23 }) });
const fields = fc.record({ when: day, type: fc.constantFrom(...TYPES), participants: fc.integer({ min: 0, max: 200 }), volunteers: fc.integer({ min: 0, max: 20 }), minutes: fc.integer({ min: 0, max: 900 }) });
const op = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), org: fc.integer({ min: 0, max: 1 }), f: fields }),
  fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), f: fields }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
);
const iso = (w: { m: number; d: number; h: number }) => `2026-0${w.m}-${String(w.d).padStart(2, '0')}T${String(w.h).padStart(2, '0')}:00+08:00`;

describe('ledger month totals', () => {
  it('equal the recompute after any sequence of creates, edits and deletes', async () => {
    const db = t.database.db;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const live: { id: number; version: number }[] = [];
        for (const o of ops) {
          if (o.kind === 'create') {
            const a = await createActivity(db, ctx, orgIds[o.org], { startsAt: iso(o.f.when), endsAt: iso(o.f.when), title: '活动', activityType: o.f.type, place: '活动室', participants: o.f.participants, beneficiaries: 0, volunteers: o.f.volunteers, volunteerMinutes: o.f.minutes, amountFen: 0, foreignRelated: false, description: null });
            live.push({ id: a.id, version: a.version });
          } else if (live.length > 0) {
            const i = o.pick % live.length;
            if (o.kind === 'edit') {
              const a = await updateActivity(db, ctx, live[i].id, { version: live[i].version, startsAt: iso(o.f.when), endsAt: iso(o.f.when), activityType: o.f.type, participants: o.f.participants, volunteers: o.f.volunteers, volunteerMinutes: o.f.minutes });
              live[i].version = a.version;
            } else {
              await deleteActivity(db, ctx, live[i].id, '测试删除');
              live.splice(i, 1);
            }
          }
        }
        const kept = await snapshot();
        const lastKept = await db.selectFrom('orgs').select(['id', 'last_activity_on']).where('id', 'in', orgIds).orderBy('id').execute();
        await db.transaction().execute((trx) => recomputeTotals(trx));
        expect(kept).toEqual(await snapshot());
        const lastLive = await sql<{ id: number; last: string | null }>`select o.id, (select max(held_on)::text from activities a where a.org_id = o.id and a.deleted_at is null) as last from orgs o where o.id = any(${orgIds}::bigint[]) order by o.id`.execute(db);
        expect(lastKept.map((r) => r.last_activity_on)).toEqual(lastLive.rows.map((r) => r.last));
      }),
      { numRuns: 15, seed: 1301 },
    );
  }, 120_000);
});
