import { sql } from 'kysely';
import type { Db } from '../../db/types.js';
import type { NewNotification } from '../../db/types-notifications.js';
import '../../db/types-notifications.js';

/** The inbox's own table (migration 0020): written here only. */

export async function insertNotifications(db: Db, rows: NewNotification[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db.insertInto('notifications').values(rows).returning('id').execute();
  return inserted.length;
}

export async function listForRecipient(db: Db, recipientId: number, opts: { unreadOnly: boolean; unreadFirst: boolean; offset: number; limit: number }) {
  let q = db.selectFrom('notifications').where('recipient_id', '=', recipientId);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  const [{ n }] = await q.select((eb) => eb.fn.countAll<string>().as('n')).execute();
  let items = q.selectAll();
  // Unread first: the index (recipient_id, read_at, id desc) serves both orders.
  if (opts.unreadFirst) items = items.orderBy(sql`read_at is null`, 'desc');
  const rows = await items.orderBy('id', 'desc').offset(opts.offset).limit(opts.limit).execute();
  return { rows, total: Number(n) };
}

export async function countUnread(db: Db, recipientId: number): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('recipient_id', '=', recipientId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function findOwnNotification(db: Db, recipientId: number, id: number) {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).where('recipient_id', '=', recipientId).executeTakeFirst();
}

/** Marks one unread notification read; undefined when it was read already (or is not the recipient's). */
export function markRead(db: Db, recipientId: number, id: number, at: Date) {
  return db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('recipient_id', '=', recipientId)
    .where('read_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Marks every unread notification of the recipient read; returns the ids marked. */
export async function markAllRead(db: Db, recipientId: number, at: Date): Promise<number[]> {
  const rows = await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('recipient_id', '=', recipientId)
    .where('read_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => Number(r.id));
}
