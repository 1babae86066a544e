import type { Kysely } from 'kysely';
import type { DB } from '../src/server/db/types.js';
import type { PenaltyKind } from '../src/shared/schemas/penalties.js';
import { PENALTY_COLUMNS } from '../src/server/modules/penalties/penalties.repository.js';
import { tellPenaltyListeners } from '../src/server/modules/penalties/penalties.events.js';
import type { PenaltyRow } from '../src/server/db/types-rules.js';
import '../src/server/db/types-rules.js';

let serial = 0;

/**
 * A penalty written directly, recorded on its decision day (the penalties service is the penalties module's). With
 * `tell`, the listeners hear of it in the same transaction, as the penalties service does.
 */
export async function insertPenalty(
  db: Kysely<DB>,
  orgId: number,
  p: { kind: PenaltyKind; amountFen?: number; decidedOn: string; recordedOn?: string; tell?: boolean },
): Promise<PenaltyRow> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('penalties')
      .values({
        org_id: orgId, kind: p.kind, amount_fen: p.amountFen ?? null,
        suspended_from: p.kind === 'suspension' ? p.decidedOn : null, suspended_to: p.kind === 'suspension' ? p.decidedOn : null,
        decision_no: `吉民罚〔测试〕${++serial}号`, decided_on: p.decidedOn, facts: '测试处罚事实', legal_basis: '《社会团体登记管理条例》第三十条', deciding_body: '吉州区民政局',
        by_registrar: true, recorded_at: `${p.recordedOn ?? p.decidedOn}T10:00:00+08:00`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = (await trx.selectFrom('penalties').select(PENALTY_COLUMNS).where('id', '=', id).executeTakeFirstOrThrow()) as unknown as PenaltyRow;
    if (p.tell) await tellPenaltyListeners(trx, { actor: null, requestId: 'test', ip: null }, row, 'recorded');
    return row;
  });
}

/** An organization's credit entries, oldest first (what the job made of its facts). */
export function entriesOf(db: Kysely<DB>, orgId: number) {
  return db.selectFrom('credit_entries').selectAll().where('org_id', '=', orgId).orderBy('id').execute();
}

/** A report of another organization submitted on time: the district ran that year's reporting on the platform. */
export async function insertSubmittedReport(db: Kysely<DB>, orgId: number, year: number, dueOn: string) {
  const org = await db.selectFrom('orgs').select(['region_id', 'level1_id', 'level2_id', 'level3_id', 'level4_id', 'level5_id', 'level6_id', 'legal_form']).where('id', '=', orgId).executeTakeFirstOrThrow();
  await db
    .insertInto('annual_reports')
    .values({ org_id: orgId, ...org, region_id: org.region_id, year, legal_form: org.legal_form, status: 'submitted', sections: '{}', due_on: dueOn, submitted_on: addDaysText(dueOn, -10), submitted_at: `${addDaysText(dueOn, -10)}T10:00:00+08:00` } as never)
    .execute();
}
const addDaysText = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
