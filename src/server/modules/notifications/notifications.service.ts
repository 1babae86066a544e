import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { NotificationRow } from '../../db/types-notifications.js';
import type { RequestContext } from '../../lib/context.js';
import { requireAccess } from '../../lib/access.js';
import { writeAudit } from '../../lib/audit.js';
import { errors } from '../../lib/errors.js';
import type { Notification, NotificationListQuery, NotificationListResponse, NotificationReadAllResponse } from '../../../shared/schemas/notifications.js';
import * as repo from './notifications.repository.js';

export function toNotification(r: NotificationRow): Notification {
  return {
    id: Number(r.id),
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    subject: r.subject_kind && r.subject_id !== null ? { kind: r.subject_kind, id: Number(r.subject_id) } : null,
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  };
}

/** The actor's own inbox: every role has one, and nobody reads another's (no region: a notification is personal). */
export async function listNotifications(db: Kysely<DB>, ctx: RequestContext, query: NotificationListQuery): Promise<NotificationListResponse> {
  requireAccess(ctx.actor, 'notification.read');
  const { rows, total } = await repo.listForRecipient(db, ctx.actor.id, {
    unreadOnly: query.filter === 'unread',
    unreadFirst: query.order === 'unread_first',
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: rows.map(toNotification), total, unread: await repo.countUnread(db, ctx.actor.id) };
}

/** The header count. */
export async function countNotifications(db: Kysely<DB>, ctx: RequestContext) {
  requireAccess(ctx.actor, 'notification.read');
  return { unread: await repo.countUnread(db, ctx.actor.id) };
}

/**
 * Marks one of the actor's notifications read. Reading is a change of state (the unread count moves; a reminder read
 * is known to have reached its person), so it is audited with the change in one transaction. Reading one already read
 * changes nothing and writes nothing; someone else's is "not found".
 */
export async function readNotification(db: Kysely<DB>, ctx: RequestContext, id: number): Promise<Notification> {
  requireAccess(ctx.actor, 'notification.read');
  const actor = ctx.actor;
  return db.transaction().execute(async (trx) => {
    const marked = await repo.markRead(trx, actor.id, id, new Date());
    if (marked) {
      await writeAudit(trx, ctx, { action: 'notification.read', entityType: 'notification', entityId: id, newValue: { kind: marked.kind, subject: marked.subject_kind ? { kind: marked.subject_kind, id: Number(marked.subject_id) } : null } });
      return toNotification(marked);
    }
    const row = await repo.findOwnNotification(trx, actor.id, id);
    if (!row) throw errors.notFound('notification');
    return toNotification(row);
  });
}

/** Marks every unread notification of the actor read: one audit record naming how many and which. */
export async function readAllNotifications(db: Kysely<DB>, ctx: RequestContext): Promise<NotificationReadAllResponse> {
  requireAccess(ctx.actor, 'notification.read');
  const actor = ctx.actor;
  return db.transaction().execute(async (trx) => {
    const ids = await repo.markAllRead(trx, actor.id, new Date());
    if (ids.length > 0) await writeAudit(trx, ctx, { action: 'notification.read_all', entityType: 'notification', newValue: { marked: ids.length, ids: ids.slice(0, 100) } });
    return { marked: ids.length, unread: 0 };
  });
}
