import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/types.js';
import { todayInChina } from '../../src/server/lib/working-days.js';
import { entriesOf, insertPenalty } from '../credit.js';
import '../../src/server/db/types-credit.js';

/**
 * The credit pages' data for the page tours (a11y, English): a ¥60,000 fine decided today, told to the listeners as
 * the penalties service does, so the credit module notices the organization on the serious list. Answers the entry.
 */
export async function seedCreditPages(db: Kysely<DB>, orgId: number): Promise<number> {
  await insertPenalty(db, orgId, { kind: 'fine', amountFen: 6_000_000, decidedOn: todayInChina(), tell: true });
  const [entry] = await entriesOf(db, orgId);
  if (!entry) throw new Error('the fine made no credit entry');
  return Number(entry.id);
}
