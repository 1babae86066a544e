import type { FastifyInstance } from 'fastify';
import { TEST_PASSWORD } from '../factories.js';

/**
 * An annual report made through the API for the browser tests' pages (the queue, the form, the review page): created
 * by `username` for the organization and year, its figures saved, and, when `ready`, complete but for the scan (a
 * draft whose only error is the missing declaration page; the ledger-count warning stays).
 */
export async function draftTestReport(app: FastifyInstance, username: string, orgId: number, year: number, ready = true): Promise<number> {
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
  if (login.statusCode !== 200) throw new Error(login.body);
  const cookies = { shezu_sid: login.cookies.find((c) => c.name === 'shezu_sid')!.value };
  const headers = { 'x-csrf-token': login.json().csrfToken as string };
  const created = await app.inject({ method: 'POST', url: '/api/v1/annual-reports', cookies, headers, payload: { orgId, year } });
  if (created.statusCode !== 201) throw new Error(created.body);
  const report = created.json() as { id: number; version: number };
  if (!ready) return report.id;
  const sections = {
    activities: { claimedCount: 12, participants: 340, volunteerHours: 120, summary: '全年开展文艺演出和邻里互助活动。' },
    finances: {
      income: { membershipFees: 0, donations: 120_050, governmentGrants: 50_000, otherIncome: 0 },
      incomeTotal: 170_050,
      expenses: { programs: 80_000, admin: 10_000, otherExpense: 0 },
      expenseTotal: 90_000,
      assets: 500_000,
      liabilities: 100_000,
      netAssets: 400_000,
    },
    members: { individual: 26, unit: 0, joined: 3, left: 1 },
    governance: { leaderChanges: [], councilMeetings: 2, memberAssemblies: 1, lastElectionOn: '2022-06-01', termYears: 3, electionHeldThisYear: false },
    declaration: { signerName: '刘桂芳', signedOn: `${year + 1}-03-01` },
  };
  const saved = await app.inject({ method: 'PATCH', url: `/api/v1/annual-reports/${report.id}`, cookies, headers, payload: { version: report.version, sections } });
  if (saved.statusCode !== 200) throw new Error(saved.body);
  return report.id;
}
