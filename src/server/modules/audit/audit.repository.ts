import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { AUDIT_ACTION_LABELS, type AuditFilter } from '../../../shared/schemas/audit.js';
import { escapeLike } from '../../lib/search-text.js';

function filtered(db: Kysely<DB>, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.actor) q = q.where('actor_name', 'like', `%${escapeLike(f.actor.toLowerCase())}%`);
  // A full action name matches exactly; a stem (`region.population`) matches its group.
  if (f.action) q = f.action in AUDIT_ACTION_LABELS ? q.where('action', '=', f.action) : q.where('action', 'like', `${escapeLike(f.action)}%`);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.region) q = q.where('region_code', 'like', `${escapeLike(f.region)}%`);
  // Dates are China days: from 00:00 of `from` to the end of `to`, Beijing time.
  if (f.from) q = q.where('at', '>=', sql<Date>`(${f.from}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (f.to) q = q.where('at', '<', sql<Date>`(${f.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
  return q;
}

export async function listAudit(db: Kysely<DB>, f: AuditFilter, offset: number, limit: number) {
  const q = filtered(db, f);
  const [{ n }] = await q.select((eb) => eb.fn.countAll<number>().as('n')).execute();
  const items = await q.selectAll().orderBy('id', 'desc').offset(offset).limit(limit).execute();
  return { items, total: Number(n) };
}

/** Walks the filtered log newest first in pages keyed by id, so an export never holds it all in memory. */
export async function* iterateAudit(db: Kysely<DB>, f: AuditFilter, pageSize = 2000) {
  let beforeId: number | null = null;
  for (;;) {
    let q = filtered(db, f).selectAll();
    if (beforeId !== null) q = q.where('id', '<', beforeId);
    const rows = await q.orderBy('id', 'desc').limit(pageSize).execute();
    if (rows.length === 0) return;
    yield rows;
    beforeId = Number(rows[rows.length - 1].id);
    if (rows.length < pageSize) return;
  }
}
