import { describe, expect, it } from 'vitest';
import { DEFAULT_ANNUAL_REPORTS } from '../../../shared/schemas/supervision-settings.js';
import { AnnualReportSections, type AnnualReportSections as Sections } from '../../../shared/schemas/annual-reports.js';
import { addMonths, chainFor, checksOf, diffOf, dueDateOf, electionDueOf, exemptionOf, isOnTime, percent } from './annual-reports.policy.js';

const s = DEFAULT_ANNUAL_REPORTS;
const org = (over: Partial<Parameters<typeof exemptionOf>[0]>) => ({ legal_form: 'social_service', status: 'active', recorded_on: '2020-01-01', founded_on: null, closed_on: null, ...over });

describe('who owes a report', () => {
  it('exempts a social service organization registered less than 6 months by 31 December: 1 July has six months, 2 July not (民政部令第27号 art. 3)', () => {
    expect(exemptionOf(org({ recorded_on: '2025-07-01' }), 2025, s, '2026-06-01')).toBeNull();
    expect(exemptionOf(org({ recorded_on: '2025-07-02' }), 2025, s, '2026-06-01')).toMatchObject({ code: 'social_service_new' });
    expect(exemptionOf(org({ recorded_on: '2025-06-30' }), 2025, s, '2026-06-01')).toBeNull();
    // Without the register's date the founding date counts; a district may turn the exemption off (0 months).
    expect(exemptionOf(org({ recorded_on: null, founded_on: '2025-09-01' }), 2025, s, '2026-06-01')).toMatchObject({ code: 'social_service_new' });
    expect(exemptionOf(org({ recorded_on: '2025-09-01' }), 2025, { ...s, exemptions: { ...s.exemptions, socialServiceMonths: 0 } }, '2026-06-01')).toBeNull();
  });

  it('exempts a social group established after 30 June of the year: 30 June owes, 1 July does not', () => {
    expect(exemptionOf(org({ legal_form: 'social_group', recorded_on: '2025-06-30' }), 2025, s, '2026-06-01')).toBeNull();
    expect(exemptionOf(org({ legal_form: 'social_group', recorded_on: '2025-07-01' }), 2025, s, '2026-06-01')).toMatchObject({ code: 'social_group_new' });
    expect(exemptionOf(org({ legal_form: 'social_group', recorded_on: '2025-07-01' }), 2025, { ...s, exemptions: { ...s.exemptions, socialGroupEstablishedAfter: null } }, '2026-06-01')).toBeNull();
    // Filed organizations and foundations have no such exemption.
    expect(exemptionOf(org({ legal_form: 'filed', recorded_on: '2025-12-20' }), 2025, s, '2026-06-01')).toBeNull();
  });

  it('owes nothing for grassroots groups, organizations not yet in the register by 31 December, or closed ones', () => {
    expect(exemptionOf(org({ legal_form: 'grassroots' }), 2025, s, '2026-06-01')).toMatchObject({ code: 'not_reporting_form' });
    expect(exemptionOf(org({ recorded_on: '2026-01-01' }), 2025, s, '2026-06-01')).toMatchObject({ code: 'not_in_operation' });
    expect(exemptionOf(org({ status: 'filing', recorded_on: null }), 2025, s, '2026-06-01')).toMatchObject({ code: 'not_in_operation' });
    expect(exemptionOf(org({ status: 'deregistered', closed_on: '2026-03-01' }), 2025, s, '2026-06-01')).toMatchObject({ code: 'not_in_operation' });
    // Closed after the day asked about: it still owed the report then.
    expect(exemptionOf(org({ status: 'deregistered', closed_on: '2026-07-01' }), 2025, s, '2026-06-01')).toBeNull();
  });
});

describe('due dates and on time', () => {
  it('is due 31 May of the next year, 31 March for a filed organization whose community reviews first', () => {
    expect(dueDateOf('social_group', 2025, s)).toBe('2026-05-31');
    expect(dueDateOf('foundation', 2025, s)).toBe('2026-05-31');
    expect(dueDateOf('filed', 2025, s)).toBe('2026-03-31');
    expect(dueDateOf('filed', 2025, { ...s, supervisorDueDate: null })).toBe('2026-05-31');
  });

  it('is on time on the due date and late the day after', () => {
    expect(isOnTime('2026-05-31', '2026-05-31')).toBe(true);
    expect(isOnTime('2026-06-01', '2026-05-31')).toBe(false);
    expect(isOnTime('2026-05-30', '2026-05-31')).toBe(true);
  });

  it('adds calendar months as the law counts them, clamping to the month end', () => {
    expect(addMonths('2025-07-01', 6)).toBe('2026-01-01');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('sends registered forms to the district and filed ones along the chain', () => {
    expect(chainFor('social_group', 5, { steps: ['community', 'street'] })).toEqual(['district']);
    expect(chainFor('filed', 5, { steps: ['community', 'street'] })).toEqual(['community', 'street']);
    expect(chainFor('filed', 4, { steps: ['community', 'street'] })).toEqual(['street']);
  });

  it('knows when an election is due', () => {
    expect(electionDueOf({ lastElectionOn: '2020-11-01', termYears: 5 }, 2025)).toBe(true);
    expect(electionDueOf({ lastElectionOn: '2021-01-10', termYears: 5 }, 2025)).toBe(false);
    expect(electionDueOf({ lastElectionOn: null, termYears: 5 }, 2025)).toBeNull();
    expect(percent(1, 3)).toBe(33.33);
    expect(percent(1, 0)).toBeNull();
  });
});

const filled = (over: (x: Sections) => void = () => {}): Sections => {
  const x = AnnualReportSections.filed.parse({
    basic: { name: '仓口舞蹈队', leaderName: '王芳', address: '仓口社区 3 号' },
    activities: { claimedCount: 12, summary: '全年开展广场舞活动 12 次' },
    finances: { income: { membershipFees: 1000, donations: 2000, governmentGrants: 0, otherIncome: 0 }, incomeTotal: 3000, expenses: { programs: 2000, admin: 500, otherExpense: 0 }, expenseTotal: 2500, assets: 5000, liabilities: 1000, netAssets: 4000 },
    members: { individual: 30, unit: 0, joined: 5, left: 1 },
    governance: { electionHeldThisYear: false },
    declaration: { signerName: '王芳', signedOn: '2026-03-01' },
  }) as Sections;
  over(x);
  return x;
};
const ctx = { ledgerCount: 12, lastYear: null, largeChangePercent: 50, hasScan: true, year: 2025 };

describe('checks before submission', () => {
  it('passes a complete report whose figures add up', () => {
    expect(checksOf('filed', filled(), ctx)).toEqual([]);
  });

  it('asks for every missing field and the scan', () => {
    const c = checksOf('filed', AnnualReportSections.filed.parse({}) as Sections, { ...ctx, hasScan: false });
    expect(c.filter((i) => i.level === 'error').map((i) => i.field)).toEqual(expect.arrayContaining(['basic.name', 'finances.incomeTotal', 'finances.income.membershipFees', 'members.individual', 'declarationScan']));
  });

  it('refuses income that does not add up and assets − liabilities ≠ net assets, with both figures', () => {
    const c = checksOf('filed', filled((x) => { x.finances.incomeTotal = 3100; x.finances.netAssets = 4500; }), ctx);
    expect(c.find((i) => i.code === 'income_sum')).toMatchObject({ level: 'error', field: 'finances.incomeTotal', params: { sum: 3000, total: 3100 } });
    expect(c.find((i) => i.code === 'net_assets')).toMatchObject({ level: 'error', field: 'finances.netAssets', message: '资产总计 50.00 元 减负债合计 10.00 元 应等于净资产合计，而填写的是 45.00 元' });
  });

  it('warns when the activity count differs from the ledger, with both numbers', () => {
    const c = checksOf('filed', filled(), { ...ctx, ledgerCount: 9 });
    expect(c).toEqual([expect.objectContaining({ code: 'ledger_count', level: 'warning', message: '填报的活动次数为 12 次，活动台账记录 9 次', params: { claimed: 12, ledger: 9 } })]);
  });

  it('warns about a change from last year beyond the threshold, not at it', () => {
    const last = filled((x) => { x.finances.assets = 2000; x.finances.netAssets = 1000; x.members!.individual = 26; });
    const at = checksOf('filed', filled((x) => { x.finances.assets = 3000; x.finances.liabilities = 1000; x.finances.netAssets = 2000; }), { ...ctx, lastYear: last });
    expect(at.filter((i) => i.code === 'large_change').map((i) => i.field)).toEqual(['finances.netAssets']);
    const beyond = checksOf('filed', filled(), { ...ctx, lastYear: last });
    expect(beyond.filter((i) => i.code === 'large_change').map((i) => i.field)).toEqual(['finances.assets', 'finances.netAssets']);
  });

  it('diffs field by field with the change in percent of last year', () => {
    const last = filled((x) => { x.finances.incomeTotal = 2000; });
    const d = diffOf('filed', filled(), last, 50);
    expect(d.find((e) => e.field === 'finances.incomeTotal')).toEqual({ field: 'finances.incomeTotal', label: '本年收入合计', lastYear: 2000, thisYear: 3000, changePercent: 50, large: false, unit: 'fen' });
    expect(diffOf('filed', filled(), null, 50).every((e) => e.lastYear === null && e.changePercent === null)).toBe(true);
    expect(diffOf('foundation', filled(), null, 50).some((e) => e.field.startsWith('members.'))).toBe(false);
  });
});
