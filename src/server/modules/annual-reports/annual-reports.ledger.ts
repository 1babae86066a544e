import type { Db } from '../../db/types.js';
import { activityCountsByOrg } from '../activities/index.js';

/** The organization's activities in the year, from the ledger (台账): what the report's activity section is checked against. */
export async function ledgerTotals(db: Db, orgId: number, year: number): Promise<{ count: number; participants: number; volunteerMinutes: number }> {
  const c = (await activityCountsByOrg(db, { orgIds: [orgId], from: `${year}-01-01`, to: `${year}-12-31` })).get(orgId);
  return { count: c?.activities ?? 0, participants: c?.participants ?? 0, volunteerMinutes: c?.volunteerMinutes ?? 0 };
}
