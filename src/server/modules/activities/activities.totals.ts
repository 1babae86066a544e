import { sql } from 'kysely';
import type { Db } from '../../db/types.js';
import '../../db/types-ledger.js';

/** What an activity adds to its node's month totals (a deletion or the old side of an edit subtracts it). */
export interface TotalsDelta {
  region_id: number;
  held_on: string;
  activity_type: string;
  participants: number;
  beneficiaries: number;
  volunteers: number;
  volunteer_minutes: number;
}

/**
 * Keeps `ledger_month_totals` in step with activity changes, in the caller's transaction: the rows are summed per
 * (node, month, type) first and written as one upsert, so an import batch of 500 is one statement. `sign` −1
 * subtracts (deletion, the old values of an edit). Rows that fall to zero activities stay as zeros: a month seen
 * once keeps its row, and the views treat zero like absent.
 */
export async function applyTotals(trx: Db, rows: TotalsDelta[], sign: 1 | -1): Promise<void> {
  if (rows.length === 0) return;
  const sums = new Map<string, { region_id: number; month: string; activity_type: string; activities: number; participants: number; beneficiaries: number; volunteers: number; volunteer_minutes: number }>();
  for (const r of rows) {
    const month = `${r.held_on.slice(0, 7)}-01`;
    const key = `${r.region_id}|${month}|${r.activity_type}`;
    const s = sums.get(key) ?? { region_id: Number(r.region_id), month, activity_type: r.activity_type, activities: 0, participants: 0, beneficiaries: 0, volunteers: 0, volunteer_minutes: 0 };
    s.activities += sign;
    s.participants += sign * r.participants;
    s.beneficiaries += sign * r.beneficiaries;
    s.volunteers += sign * r.volunteers;
    s.volunteer_minutes += sign * r.volunteer_minutes;
    sums.set(key, s);
  }
  // Sorted so two transactions touching the same rows lock them in one order (no deadlock on PostgreSQL).
  const json = JSON.stringify([...sums.values()].sort((a, b) => (a.region_id - b.region_id) || a.month.localeCompare(b.month) || a.activity_type.localeCompare(b.activity_type)));
  await sql`
    insert into ledger_month_totals as t (region_id, month, activity_type, activities, participants, beneficiaries, volunteers, volunteer_minutes)
    select region_id, month, activity_type, activities, participants, beneficiaries, volunteers, volunteer_minutes
      from json_populate_recordset(null::ledger_month_totals, ${json}::json)
    on conflict (region_id, month, activity_type) do update set
      activities = t.activities + excluded.activities,
      participants = t.participants + excluded.participants,
      beneficiaries = t.beneficiaries + excluded.beneficiaries,
      volunteers = t.volunteers + excluded.volunteers,
      volunteer_minutes = t.volunteer_minutes + excluded.volunteer_minutes`.execute(trx);
}

/**
 * Recomputes `orgs.last_activity_on` for the given organizations from their live activities (after a create, an
 * edit of the date, a deletion or an import batch), in the caller's transaction. One statement for the batch.
 */
export async function refreshLastActivity(trx: Db, orgIds: number[]): Promise<void> {
  const ids = [...new Set(orgIds.map(Number))].sort((a, b) => a - b);
  if (ids.length === 0) return;
  await sql`
    update orgs o set last_activity_on = a.last
      from (select id, (select max(held_on) from activities x where x.org_id = i.id and x.deleted_at is null) as last
              from unnest(${ids}::bigint[]) as i(id)) a
     where o.id = a.id and o.last_activity_on is distinct from a.last`.execute(trx);
}

/** The month totals recomputed from the activities themselves: what the kept counters must equal (tests, repair). */
export async function recomputeTotals(trx: Db): Promise<void> {
  await sql`delete from ledger_month_totals`.execute(trx);
  await sql`
    insert into ledger_month_totals (region_id, month, activity_type, activities, participants, beneficiaries, volunteers, volunteer_minutes)
    select region_id, date_trunc('month', held_on)::date, activity_type, count(*), sum(participants), sum(beneficiaries), sum(volunteers), sum(volunteer_minutes)
      from activities where deleted_at is null
     group by 1, 2, 3`.execute(trx);
}
