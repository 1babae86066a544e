import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import type { RequestContext } from '../lib/context.js';
import { writeAudit } from '../lib/audit.js';
import { importRegions } from '../modules/regions/index.js';
import { createUser, findUserIdByUsername } from '../modules/users/index.js';
import { DEMO_ACCOUNT_ORGS, DEMO_ACCOUNTS, DEMO_REGIONS } from './demo-accounts.js';
import { seedDemoOrgs } from './demo-orgs.js';
import { seedDemoApplications } from './demo-applications.js';
import { seedDemoDeclarations } from './demo-declarations.js';
import { seedDemoPopulation } from './demo-population.js';
import { seedDemoActivities } from './demo-activities.js';
import { seedDemoAnnualReports } from './demo-annual-reports.js';
import { seedDemoNotifications } from './demo-notifications.js';
import { seedDemoPenalties } from './demo-penalties.js';
import { seedDemoInspections } from './demo-inspections.js';
import { seedDemoRisks } from './demo-risks.js';
import { seedDemoCredit } from './demo-credit.js';

const DEMO_CTX: RequestContext = { actor: null, requestId: 'demo-seed', ip: null };

export async function isDatabaseEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** Loads the seeds' places and one account per role; safe to run again (imports upsert, accounts are skipped). */
export async function seedDemo(db: Kysely<DB>, password: string, log: (msg: string) => void = () => {}) {
  for (const code of DEMO_REGIONS) {
    const s = await importRegions(db, code);
    log(`demo: regions ${code}: ${s.inserted} new, ${s.updated} updated, ${s.unchanged} unchanged`);
  }
  for (const account of DEMO_ACCOUNTS) {
    if (await findUserIdByUsername(db, account.username)) continue;
    await createUser(db, DEMO_CTX, { ...account, password, phone: null }, true);
  }
  const orgs = await seedDemoOrgs(db);
  log(`demo: organizations 吉州区 ${orgs.jizhou}, 滨海新区 ${orgs.binhai}, 蚌埠市 ${orgs.bengbu}`);
  const population = await seedDemoPopulation(db);
  log(`demo: population of ${population.nodes} communities and villages (demo figures; Bengbu urban districts ${population.bengbuUrban})`);
  for (const [username, orgName] of Object.entries(DEMO_ACCOUNT_ORGS)) {
    const org = await db.selectFrom('orgs').select('id').where('name', '=', orgName).executeTakeFirst();
    if (org) await db.updateTable('users').set({ org_id: org.id }).where('username', '=', username).where('org_id', 'is', null).execute();
  }
  await seedDemoApplications(db);
  log('demo: applications in 仓口社区 (one approved with a certificate, one at the street, one at the community)');
  // The ledger before what reads it: declarations link held activities, annual reports claim the ledger's counts.
  const ledger = await seedDemoActivities(db);
  log(`demo: ledger of a year, ${ledger.activities} activities (${ledger.dormant} organizations dormant)`);
  await seedDemoDeclarations(db);
  log('demo: major-activity declarations in 仓口社区 (held and summarized, summary overdue, at each step, returned, draft)');
  const reports = await seedDemoAnnualReports(db);
  if (reports) log(`demo: ${reports.year} annual reports of 吉州区 (${reports.concluded} concluded, ${reports.inReview} in review, ${reports.missing} missing)`);
  // Penalties through their service, so the credit rules listening to them list the organizations (民政部令第60号).
  const penalties = await seedDemoPenalties(db);
  if (penalties) log(`demo: penalties in 吉州区 ${penalties.orgs.map((o) => `${o.name} ${o.kind}`).join('; ')}`);
  // After the penalties (the credit listener put their warning and fines in notice as they were recorded).
  const credit = await seedDemoCredit(db);
  if (credit) log(`demo: credit lists of 吉州区 ${credit.orgs.map((o) => `${o.name} ${o.story}`).join('; ')}; job ${JSON.stringify(credit.job)}`);
  const inspections = await seedDemoInspections(db);
  if (inspections) log(`demo: 吉州区 yearly random inspection published and drawn (${inspections.sample} of ${inspections.population})`);
  const risks = await seedDemoRisks(db);
  log(`demo: risk warnings for today (${risks.opened} items opened, ${risks.moved} moved through their steps)`);
  // Last: today's scheduled jobs see every seeded item (reminders of due reports and summaries, overdue cases).
  const jobs = await seedDemoNotifications(db);
  log(`demo: today's scheduled jobs ${JSON.stringify(jobs)}`);
  await writeAudit(db, DEMO_CTX, { action: 'system.demo_loaded', actorName: 'system', newValue: { regions: DEMO_REGIONS, accounts: DEMO_ACCOUNTS.map((a) => a.username), orgs } });
  log(`demo: ${DEMO_ACCOUNTS.length} accounts (${DEMO_ACCOUNTS.map((a) => a.username).join(', ')})`);
}
