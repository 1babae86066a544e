import type { Kysely } from 'kysely';
import type { DB } from '../src/server/db/types.js';
import '../src/server/db/types-rules.js';

/** A penalty written directly (the recording route is tested on its own): a ¥60,000 fine by the district unless told. */
export async function insertTestPenalty(
  db: Kysely<DB>,
  orgId: number,
  over: Partial<{ kind: 'warning' | 'fine'; amountFen: number | null; decisionNo: string; decidedOn: string; decidingBody: string; recordedBy: number }> = {},
): Promise<number> {
  const kind = over.kind ?? 'fine';
  const { id } = await db
    .insertInto('penalties')
    .values({
      org_id: orgId,
      kind,
      amount_fen: kind === 'fine' ? (over.amountFen ?? 6_000_000) : null,
      decision_no: over.decisionNo ?? `吉区民罚〔2026〕${orgId}号`,
      decided_on: over.decidedOn ?? '2026-03-02',
      facts: '违反章程规定擅自设立分支机构并以其名义收取会费。',
      legal_basis: '《社会团体登记管理条例》第三十条',
      deciding_body: over.decidingBody ?? '吉安市吉州区民政局',
      by_registrar: true,
      recorded_by: over.recordedBy ?? null,
      recorded_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}
