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
