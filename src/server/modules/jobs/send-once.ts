import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { notify, type NotifyInput } from '../notifications/index.js';
import * as repo from './jobs.repository.js';

/**
 * Logs one item's reminder (or overdue notice) for each recipient and tells only those whose log row is new: the log
 * rows and the notifications are one transaction, so an item is either told and logged or neither, and a reminder
 * logged before (by an earlier run, or another process) is never sent again. Returns how many were told.
 */
export async function sendOnce(
  db: Kysely<DB>,
  key: Omit<repo.LogRow, 'recipient_id'>,
  recipients: readonly number[],
  notice: Omit<NotifyInput, 'userIds'>,
): Promise<number> {
  if (recipients.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const fresh = await repo.logReminders(trx, [...new Set(recipients)].map((id) => ({ ...key, recipient_id: id })));
    await notify(trx, { ...notice, userIds: fresh });
    return fresh.length;
  });
}
