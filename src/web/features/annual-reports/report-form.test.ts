import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { AnnualReportSections } from '../../../shared/schemas/annual-reports.js';
import type { AnnualReport, AnnualReportDiff } from './annual-reports.api.js';
import { fenOf, isRequired, liveChecks, sectionsOf, valuesOf, type Values } from './report-form.js';

/** A filed organization's report as the server answers it, with the given sections over the empty ones. */
function reportWith(sections: Record<string, unknown>, ledger = 4): AnnualReport {
  const parsed = AnnualReportSections.filed.parse(sections);
  return {
    id: 1, org: { id: 9, name: '仓口社区书画社', creditCode: null }, year: 2025, legalForm: 'filed',
    region: { id: 1, code: '360802003009', name: '仓口社区居委会', level: 5 }, regionPath: '吉州区 / 文山街道 / 仓口社区居委会',
    status: 'draft', dueOn: '2026-03-31', submittedAt: null, onTime: null, correctionDueOn: null, lateCorrection: false, conclusion: null,
    concludedAt: null, currentStep: null, version: 3, updatedAt: '2026-01-05T00:00:00Z', sections: parsed as Record<string, unknown>,
    sectionKeys: ['basic', 'activities', 'finances', 'members', 'governance', 'party', 'funding', 'declaration'], opinion: null, concludedBy: null,
    declarationScan: null, ledgerActivityCount: ledger, electionDue: null, review: null, events: [], checks: [],
    can: { edit: true, submit: false, withdraw: false, review: false, conclude: false }, createdAt: '2026-01-05T00:00:00Z',
  };
}

const withFinances = (v: Values, f: Partial<Values['finances']>): Values => ({ ...v, finances: { ...v.finances, ...f } });

describe('the report form: yuan typed, fen sent', () => {
  it('reads an amount in yuan with at most two decimals, refusing negatives and fractions of a fen', () => {
    expect(fenOf('1,200.50')).toBe(120_050);
    expect(fenOf('0')).toBe(0);
    expect(fenOf('')).toBeNull();
    expect(fenOf(undefined)).toBeNull();
    expect(fenOf('-30')).toBeUndefined();
    expect(fenOf('1.234')).toBeUndefined();
    expect(fenOf('一百')).toBeUndefined();
  });

  it('round-trips the stored sections: fen to yuan text to fen, dates to dayjs and back', () => {
    const r = reportWith({
      finances: { income: { donations: 120_050, membershipFees: 0 }, incomeTotal: 120_050, assets: 500_000, liabilities: 100_000, netAssets: 400_000 },
      governance: { lastElectionOn: '2022-06-01', termYears: 3, leaderChanges: [{ role: '队长', newName: '刘桂芳', changedOn: '2025-04-01' }] },
    });
    const v = valuesOf(r);
    expect(v.finances.income.donations).toBe('1200.50');
    expect(v.finances.income.governmentGrants).toBeUndefined();
    expect(dayjs.isDayjs(v.governance.lastElectionOn)).toBe(true);
    const s = sectionsOf(v, r) as Record<string, Record<string, unknown>>;
    expect(s.finances).toMatchObject({ income: { donations: 120_050, membershipFees: 0, governmentGrants: null }, incomeTotal: 120_050, netAssets: 400_000 });
    expect(s.governance).toMatchObject({ lastElectionOn: '2022-06-01', termYears: 3, leaderChanges: [{ role: '队长', newName: '刘桂芳', changedOn: '2025-04-01' }] });
    expect(Object.keys(s)).not.toContain('party');
    // What the server would parse back without a complaint.
    expect(AnnualReportSections.filed.safeParse({ ...r.sections, ...s }).success).toBe(true);
  });

  it('keeps the saved figure for a field that fails its rule, so the rest of the draft still saves', () => {
    const r = reportWith({ finances: { incomeTotal: 50_000 }, members: { individual: 20 } });
    const v = withFinances(valuesOf(r), { incomeTotal: '-3', assets: '12.5' });
    v.members = { ...v.members, individual: -4 };
    const s = sectionsOf(v, r) as Record<string, Record<string, unknown>>;
    expect(s.finances).toMatchObject({ incomeTotal: 50_000, assets: 1250 });
    expect(s.members).toMatchObject({ individual: 20 });
  });

  it('leaves out a half-typed leader change (no position or no new person)', () => {
    const r = reportWith({});
    const v = valuesOf(r);
    v.governance.leaderChanges = [{ role: '会长', newName: '' }, { role: '', newName: '张三' }, { role: '副会长', newName: '李四', changedOn: dayjs('2025-08-08') }];
    const s = sectionsOf(v, r) as { governance: { leaderChanges: unknown[] } };
    expect(s.governance.leaderChanges).toEqual([{ role: '副会长', formerName: null, newName: '李四', idNumber: null, phone: null, changedOn: '2025-08-08' }]);
  });
});

describe('the live checks', () => {
  const base = reportWith({}, 4);
  const codes = (v: Values, diff?: AnnualReportDiff) => liveChecks(v, { report: base, diff }).map((c) => `${c.code}@${c.field}`);

  it('says when the items do not add up to the total, and not before a total or any item is typed', () => {
    const v = valuesOf(base);
    expect(codes(v)).toEqual([]);
    expect(codes(withFinances(v, { incomeTotal: '100' }))).toEqual([]);
    const off = withFinances(v, { income: { ...v.finances.income, donations: '60', membershipFees: '30.5' }, incomeTotal: '100' });
    expect(codes(off)).toEqual(['sum@finances.incomeTotal']);
    expect(liveChecks(off, { report: base })[0]!.vars).toMatchObject({ sum: '90.50', total: '100.00' });
    expect(codes(withFinances(v, { income: { ...v.finances.income, donations: '69.5', membershipFees: '30.5' }, incomeTotal: '100' }))).toEqual([]);
    expect(codes(withFinances(v, { expenses: { ...v.finances.expenses, programs: '10' }, expenseTotal: '9.99' }))).toEqual(['sum@finances.expenseTotal']);
  });

  it('checks assets less liabilities against the net assets once all three are typed', () => {
    const v = valuesOf(base);
    expect(codes(withFinances(v, { assets: '5000', liabilities: '1000' }))).toEqual([]);
    expect(codes(withFinances(v, { assets: '5000', liabilities: '1000', netAssets: '3000' }))).toEqual(['balance@finances.netAssets']);
    expect(codes(withFinances(v, { assets: '5000', liabilities: '1000', netAssets: '4000' }))).toEqual([]);
  });

  it('warns when the activity count differs from the ledger, and not when it matches', () => {
    const v = valuesOf(base);
    expect(codes({ ...v, activities: { ...v.activities, claimedCount: 5 } })).toEqual(['ledger@activities.claimedCount']);
    expect(codes({ ...v, activities: { ...v.activities, claimedCount: 4 } })).toEqual([]);
  });

  it('warns of a change from last year beyond the district limit, at the limit not', () => {
    const diff: AnnualReportDiff = {
      year: 2025, lastYearReportId: 7, largeChangePercent: 50,
      items: [{ field: 'finances.assets', label: '资产总计', lastYear: 100_000, thisYear: null, changePercent: null, large: false, unit: 'fen' }],
    };
    const v = valuesOf(base);
    // Two decimals first, as the server's diff: 50.001 % is 50 %, within the limit; 50.01 % is beyond it.
    expect(codes(withFinances(v, { assets: '1500' }), diff)).toEqual([]);
    expect(codes(withFinances(v, { assets: '1500.01' }), diff)).toEqual([]);
    expect(codes(withFinances(v, { assets: '1500.10' }), diff)).toEqual(['largeChange@finances.assets']);
    expect(codes(withFinances(v, { assets: '499.90' }), diff)).toEqual(['largeChange@finances.assets']);
    expect(codes(withFinances(v, { assets: '500' }), diff)).toEqual([]);
  });

  it('says an election (换届) is due when the term has run out by the end of the year and none was held', () => {
    const v = valuesOf(base);
    const g = (lastElectionOn: string, electionHeldThisYear: boolean | null) => ({ ...v, governance: { ...v.governance, lastElectionOn: dayjs(lastElectionOn), termYears: 3, electionHeldThisYear } });
    expect(codes(g('2022-12-31', null))).toEqual(['election@governance.lastElectionOn']);
    expect(codes(g('2023-01-01', null))).toEqual([]);
    expect(codes(g('2022-06-01', true))).toEqual([]);
  });
});

describe('the required marks', () => {
  it('follow the report legal form as the server does (a social service organization counts no individual members)', () => {
    expect(isRequired('members.individual', 'filed')).toBe(true);
    expect(isRequired('members.individual', 'social_group')).toBe(true);
    expect(isRequired('members.individual', 'social_service')).toBe(false);
    expect(isRequired('basic.name', 'foundation')).toBe(true);
    expect(isRequired('finances.income.donations', 'foundation')).toBe(true);
    expect(isRequired('members.unit', 'filed')).toBe(false);
  });
});
