import type { Db } from '../db/types.js';
import type { RequestContext } from './context.js';

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
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actorId ?? ctx.actor?.id ?? null,
      actor_name: entry.actorName ?? ctx.actor?.username ?? null,
      action: entry.action,
      entity_type: entry.entityType ?? null,
      entity_id: entry.entityId === undefined ? null : String(entry.entityId),
      old_value: entry.oldValue === undefined ? null : JSON.stringify(entry.oldValue),
      new_value: entry.newValue === undefined ? null : JSON.stringify(entry.newValue),
      request_id: ctx.requestId,
      ip: ctx.ip,
      region_code: entry.regionCode ?? null,
    })
    .execute();
}
