import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { runJob } from '../modules/jobs/index.js';

/**
 * The demo inbox: the decisions on the demo applications reached their submitters through the review chain already
 * (cangkou-leader's approved filing, cangkou-staff's at the street); here the day's reminder and overdue jobs run
 * once for the seeding date, as the server's scheduler would at 08:00, so what they find (reports and summaries
 * coming due, overdue steps) is in the inboxes from the first start. A second seeding finds the period run.
 */
export async function seedDemoNotifications(db: Kysely<DB>) {
  const out: Record<string, unknown> = {};
  for (const name of ['reminders', 'overdue']) {
    const r = await runJob(db, name);
    out[name] = r.ran ? r.summary : 'already ran';
  }
  return out;
}
