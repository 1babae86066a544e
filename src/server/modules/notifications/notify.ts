import type { Db } from '../../db/types.js';
import * as repo from './notifications.repository.js';

/** What another module tells people (issue 13 item 6): one notification per recipient. */
export interface NotifyInput {
  userIds: readonly number[];
  /** Lower-case words: 'reminder', 'overdue', 'review.return', 'review.approve', ... */
  kind: string;
  title: string;
  body?: string | null;
  /** A page of the app ("/annual-reports/12"). */
  link?: string | null;
  subject?: { kind: string; id: number } | null;
}

const TITLE_MAX = 200;
const BODY_MAX = 2000;
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * Puts a notification in each recipient's inbox. Call it with the transaction of the change it reports (a decision,
 * a reminder's log row), so the inbox never tells of a change that was rolled back. Each account is told once, even
 * when named twice. Returns how many were written.
 */
export async function notify(trx: Db, input: NotifyInput): Promise<number> {
  const ids = [...new Set(input.userIds.map(Number))];
  // A page of this app only: '/x', never '//host' or an outside address.
  const link = input.link && /^\/(?![/\\])/.test(input.link) ? input.link : null;
  return repo.insertNotifications(
    trx,
    ids.map((id) => ({
      recipient_id: id,
      kind: input.kind,
      title: clip(input.title, TITLE_MAX),
      body: input.body ? clip(input.body, BODY_MAX) : null,
      link,
      subject_kind: input.subject?.kind ?? null,
      subject_id: input.subject?.id ?? null,
    })),
  );
}
