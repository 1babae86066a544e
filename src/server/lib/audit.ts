import type { Db } from '../db/types.js';
import type { RequestContext } from './context.js';
import { insertJsonRows } from '../db/bulk-insert.js';
import { sealJson } from './personal-data.js';

export interface AuditEntry {
  action: string;
  entityType?: string;
  entityId?: string | number;
  oldValue?: unknown;
  newValue?: unknown;
  regionCode?: string | null;
  /** For events without a signed-in actor (a failed login names the attempted user). */
  actorName?: string;
  actorId?: number;
}

/** Appends one audit record; call it with the transaction that makes the change. */
export async function writeAudit(db: Db, ctx: RequestContext, entry: AuditEntry) {
  await writeAudits(db, ctx, [entry]);
}

/** Appends audit records in one statement (an import batch writes one per organization it creates). */
export async function writeAudits(db: Db, ctx: RequestContext, entries: AuditEntry[]) {
  if (entries.length === 0) return;
  await insertJsonRows(
    db,
    'audit_log',
    entries.map((entry) => ({
      actor_id: entry.actorId ?? ctx.actor?.id ?? null,
      actor_name: entry.actorName ?? ctx.actor?.username ?? null,
      action: entry.action,
      entity_type: entry.entityType ?? null,
      entity_id: entry.entityId === undefined ? null : String(entry.entityId),
      // Personal data never enters the log in clear (PIPL art. 51): sealed beside its masked form; readers show the mask.
      old_value: entry.oldValue === undefined ? null : sealJson(entry.oldValue),
      new_value: entry.newValue === undefined ? null : sealJson(entry.newValue),
      request_id: ctx.requestId,
      ip: ctx.ip,
      region_code: entry.regionCode ?? null,
    })),
  );
}
