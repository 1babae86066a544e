import { sql, type Kysely } from 'kysely';
import type { DB } from './types.js';
import type { RequestContext } from '../lib/context.js';
import { writeAudit } from '../lib/audit.js';
import { Keyring, type DataKey } from '../lib/personal-data.js';
import { resealBatch, SEALED_TABLES, type WalkPosition } from './sealed-tables.js';

/**
 * Where a rotation stands, written with each batch: the pass, the position in SEALED_TABLES, the rows re-sealed in
 * this pass. A pass that re-seals nothing ends it: the first pass moves every value, the second proves none was
 * left (or written meanwhile by a process still sealing under the old key) and repeats otherwise.
 */
interface RotationProgress extends WalkPosition {
  pass: number;
  changedInPass: number;
}

export interface RotationSummary {
  from: string;
  to: string;
  resealed: number;
  /** Already finished before this call (nothing done). */
  alreadyDone: boolean;
  resumed: boolean;
}

/**
 * Re-seals every personal value under `target` and recomputes its hash, in batches of `batchSize` rows, each batch
 * in its own transaction with its progress; an interrupted rotation continues from the progress stored for that
 * target key. `opening` must hold every key values may still be under (the old one at least). Audited when done.
 */
export async function rotateDataKey(
  db: Kysely<DB>,
  ctx: RequestContext,
  opening: Keyring,
  target: DataKey,
  /** onProgress runs inside each batch's transaction (a throw there aborts that batch, as a killed process would). */
  opts: { batchSize?: number; onProgress?: (p: { pass: number; table: string; resealed: number }) => void } = {},
): Promise<RotationSummary> {
  const ring = new Keyring(target, [...opening.byId.values()].filter((k) => k.id !== target.id));
  const from = opening.current.id === target.id ? (opening.others[0]?.id ?? target.id) : opening.current.id;
  const existing = await db.selectFrom('key_rotations').selectAll().where('target_key_id', '=', target.id).executeTakeFirst();
  if (existing?.finished_at) return { from: existing.from_key_id, to: target.id, resealed: Number(existing.resealed), alreadyDone: true, resumed: false };
  if (!existing) {
    const start: RotationProgress = { pass: 1, t: 0, after: null, changedInPass: 0 };
    await db.insertInto('key_rotations').values({ target_key_id: target.id, from_key_id: from, progress: JSON.stringify(start), finished_at: null }).onConflict((oc) => oc.doNothing()).execute();
  }
  for (;;) {
    const state = await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('key_rotations').selectAll().where('target_key_id', '=', target.id).forUpdate().executeTakeFirstOrThrow();
      if (row.finished_at) return { done: true, resealed: Number(row.resealed), from: row.from_key_id };
      const p = row.progress as RotationProgress;
      const r = await resealBatch(trx, p, 'rotate', opts.batchSize ?? 200, ring);
      let next: RotationProgress = { ...p, ...r.pos, changedInPass: p.changedInPass + r.changed };
      const passEnded = next.t >= SEALED_TABLES.length;
      const done = passEnded && next.changedInPass === 0;
      if (passEnded && !done) next = { pass: p.pass + 1, t: 0, after: null, changedInPass: 0 };
      const resealed = Number(row.resealed) + r.changed;
      await trx
        .updateTable('key_rotations')
        .set({ progress: JSON.stringify(next), resealed, finished_at: done ? new Date() : null })
        .where('target_key_id', '=', target.id)
        .execute();
      if (done) await writeAudit(trx, ctx, { action: 'keys.rotate', entityType: 'data_key', entityId: target.id, newValue: { from: row.from_key_id, to: target.id, resealed } });
      opts.onProgress?.({ pass: next.pass, table: SEALED_TABLES[Math.min(next.t, SEALED_TABLES.length - 1)].table, resealed });
      return { done, resealed, from: row.from_key_id };
    });
    if (state.done) return { from: state.from, to: target.id, resealed: state.resealed, alreadyDone: false, resumed: !!existing };
  }
}

/** Sealed column values not under `keyId` (a finished rotation leaves none). */
export async function countSealedNotUnder(db: Kysely<DB>, keyId: string) {
  const { rows } = await sql<{ n: number }>`select
    (select count(*) from orgs where leader_id_number_enc is not null and leader_id_number_enc not like ${`sz1.${keyId}.%`})
    + (select count(*) from orgs where leader_phone_enc is not null and leader_phone_enc not like ${`sz1.${keyId}.%`})
    + (select count(*) from users where phone_enc is not null and phone_enc not like ${`sz1.${keyId}.%`}) as n`.execute(db);
  return Number(rows[0].n);
}
