import type { Db, RegionRow } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { listScope, requireAccess } from '../../lib/access.js';
import { errors } from '../../lib/errors.js';
import { todayInChina } from '../../lib/working-days.js';
import { findRegionById, findRegionNames, resolveRegionFor } from '../regions/index.js';
import { annualReportSettingsFor } from '../settings/index.js';
import { placesOf } from '../orgs/index.js';
import type { RateFigures, RateOrgsQuery, RateOrgsResponse, RatesQuery, RatesResponse, ReportingForm } from '../../../shared/schemas/annual-reports.js';
import type { AnnualReportSettings } from '../../../shared/schemas/supervision-settings.js';
import { DEFAULT_ANNUAL_REPORTS } from '../../../shared/schemas/supervision-settings.js';
import { dueDateOf, percent } from './annual-reports.policy.js';
import * as rates from './annual-reports.rates.repository.js';
import type { DistrictRule, DueScope, FigureRow } from './annual-reports.rates.repository.js';

/** The reporting year whose reports are being filed and inspected on a day: last year's (filed by 31 May). */
export const reportingYearOf = (day: string) => Number(day.slice(0, 4)) - 1;

function ruleOf(districtId: number | null, year: number, s: AnnualReportSettings): DistrictRule {
  return {
    districtId,
    dueFiled: dueDateOf('filed', year, s),
    dueRegistered: dueDateOf('social_group' as ReportingForm, year, s),
    socialServiceMonths: s.exemptions.socialServiceMonths,
    socialGroupAfter: s.exemptions.socialGroupEstablishedAfter === null ? null : `${year}-${s.exemptions.socialGroupEstablishedAfter}`,
  };
}

/** The rules of every district at or below the node (each its own setting), and the defaults for organizations above. */
async function scopeFor(db: Db, node: Pick<RegionRow, 'id' | 'level' | 'level3_id'>, year: number, asOf: string): Promise<DueScope> {
  const districts = await rates.districtsUnder(db, { id: Number(node.id), level: node.level, level3_id: node.level3_id === null ? null : Number(node.level3_id) });
  const rules = await Promise.all(districts.map(async (d) => ruleOf(d, year, await annualReportSettingsFor(db, d))));
  rules.push(ruleOf(null, year, DEFAULT_ANNUAL_REPORTS));
  return { node: { id: Number(node.id), level: node.level }, year, asOf, rules };
}

const ZERO: Omit<FigureRow, 'child'> = { due: 0, submitted: 0, onTime: 0, concluded: 0, passed: 0, basicPassed: 0, failed: 0 };

export function figuresOf(c: Omit<FigureRow, 'child'>): RateFigures {
  return {
    due: c.due, submitted: c.submitted, onTime: c.onTime, concluded: c.concluded, passed: c.passed, basicPassed: c.basicPassed, failed: c.failed,
    missing: c.due - c.submitted,
    reportRate: percent(c.submitted, c.due),
    inspectionRate: percent(c.concluded, c.due),
    passRate: percent(c.passed, c.concluded),
  };
}

const add = (a: Omit<FigureRow, 'child'>, b: Omit<FigureRow, 'child'>) => ({
  due: a.due + b.due, submitted: a.submitted + b.submitted, onTime: a.onTime + b.onTime, concluded: a.concluded + b.concluded,
  passed: a.passed + b.passed, basicPassed: a.basicPassed + b.basicPassed, failed: a.failed + b.failed,
});

/**
 * The counts of a node and of each child node (and of the organizations placed at the node itself: child null), for
 * a reporting year as of a day. What the rates page and the target board's inspection rate read.
 */
export async function countsByChild(db: Db, node: Pick<RegionRow, 'id' | 'level' | 'level3_id'>, year: number, asOf: string) {
  const rows = await rates.countByChild(db, await scopeFor(db, node, year, asOf));
  const byChild = new Map<number | null, Omit<FigureRow, 'child'>>(rows.map(({ child, ...c }) => [child, c]));
  const total = rows.reduce<Omit<FigureRow, 'child'>>((s, r) => add(s, r), ZERO);
  return { total, byChild };
}

/**
 * The inspection rate for the target board (stats): concluded / due per node, for the year being inspected as of
 * the day (the reports of the year before). The node's own total, each child's, and the node's own organizations.
 */
export async function inspectionCounts(db: Db, node: Pick<RegionRow, 'id' | 'level' | 'level3_id'>, asOf: string) {
  const { total, byChild } = await countsByChild(db, node, reportingYearOf(asOf), asOf);
  const pick = (c: Omit<FigureRow, 'child'> | undefined) => ({ concluded: c?.concluded ?? 0, due: c?.due ?? 0 });
  return { year: reportingYearOf(asOf), node: pick(total), child: (id: number) => pick(byChild.get(id)), own: pick(byChild.get(null)) };
}

async function resolveNode(db: Db, ctx: RequestContext, region: string | undefined) {
  requireAccess(ctx.actor, 'annual_report.read');
  // Rates count every organization of a node: an account limited to organizations (its own, its federation's
  // members) reaches no node's figures, as it reaches no organization beyond those (404, never a hint).
  const scope = await listScope(db, ctx.actor);
  if (scope.org) throw errors.notFound('region');
  if (region) return resolveRegionFor(db, ctx.actor, region, 'annual_report.read');
  if (!ctx.actor.region) throw errors.validation({ region: '请选择区划' });
  return (await findRegionById(db, ctx.actor.region.id))!;
}

export async function getRates(db: Db, ctx: RequestContext, q: RatesQuery): Promise<RatesResponse> {
  const node = await resolveNode(db, ctx, q.region);
  const asOf = q.asOf ?? todayInChina();
  const year = q.year ?? reportingYearOf(asOf);
  const { total, byChild } = await countsByChild(db, node, year, asOf);
  const childIds = [...byChild.keys()].filter((k): k is number => k !== null);
  const children = await rates.childrenOf(db, Number(node.id));
  const names = await findRegionNames(db, [...new Set([...children.map((c) => c.id), ...childIds])]);
  const ref = (id: number) => ({ id, code: names.get(id)!.code, name: names.get(id)!.name, level: names.get(id)!.level });
  const self = { id: Number(node.id), code: node.code, name: node.name, level: node.level };
  const rows = children.map((c) => ({ region: ref(c.id), figures: figuresOf(byChild.get(c.id) ?? ZERO), own: false }));
  const own = byChild.get(null);
  if (own) rows.push({ region: self, figures: figuresOf(own), own: true });
  return { year, asOf, node: { region: self, figures: figuresOf(total) }, children: rows };
}

export async function getRateOrgs(db: Db, ctx: RequestContext, q: RateOrgsQuery): Promise<RateOrgsResponse> {
  const node = await resolveNode(db, ctx, q.region);
  const asOf = q.asOf ?? todayInChina();
  const year = q.year ?? reportingYearOf(asOf);
  const { rows, total } = await rates.orgsBehind(db, await scopeFor(db, node, year, asOf), q.figure, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const place = await placesOf(db, rows);
  return {
    items: rows.map((r) => ({
      id: r.id, name: r.name, legalForm: r.legal_form as RateOrgsResponse['items'][number]['legalForm'], ...place(r), dueOn: r.due_on, reportId: r.report_id,
      status: (r.status as RateOrgsResponse['items'][number]['status']) ?? null, submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
      onTime: r.on_time, conclusion: (r.conclusion as RateOrgsResponse['items'][number]['conclusion']) ?? null,
    })),
    total,
  };
}

/**
 * The reminder source (issue 13 item 6): every organization that owes a report due in [from, to] and has not
 * submitted it, with or without a report row yet. subjectId is the organization's id: one report per organization
 * and year, and the year is in dueOn and the title, so a reminder sent before the draft exists is not sent again
 * once it does.
 */
export async function dueReports(db: Db, from: string, to: string) {
  const years = [...new Set([Number(from.slice(0, 4)) - 1, Number(to.slice(0, 4)) - 1])];
  const out: { subjectKind: string; subjectId: number; orgId: number; dueOn: string; title: string; link: string }[] = [];
  for (const district of await rates.allDistricts(db)) {
    for (const year of years) {
      const scope = await scopeFor(db, { id: district.id, level: 3, level3_id: district.id }, year, from);
      for (const r of await rates.unsubmittedDue(db, scope, from, to)) {
        out.push({ subjectKind: 'annual_report', subjectId: r.orgId, orgId: r.orgId, dueOn: r.dueOn, title: `${r.name} ${year} 年度报告`, link: r.reportId ? `/annual-reports/${r.reportId}` : `/annual-reports/new?org=${r.orgId}&year=${year}` });
      }
    }
  }
  return out;
}

/** Every organization of a node that owes a report for the year (the demo seeds its reports from this list). */
export async function dueOrgsOf(db: Db, node: Pick<RegionRow, 'id' | 'level' | 'level3_id'>, year: number, asOf: string) {
  const { rows } = await rates.orgsBehind(db, await scopeFor(db, node, year, asOf), 'due', { limit: 1_000_000, offset: 0 });
  return rows.map((r) => ({ id: r.id, name: r.name, legal_form: r.legal_form, due_on: r.due_on }));
}

export interface LateReport {
  orgId: number;
  legalForm: string;
  year: number;
  dueOn: string;
  /** Submitted after its due date (on or before the day asked about), or null: still not submitted that day. */
  submittedOn: string | null;
  reportId: number | null;
}

/**
 * Reports due before a day and not submitted by their due date, as things stood that day, for the reporting years
 * whose due dates can fall before it (the last three): the credit job's facts for 民政部令第60号's first ground and
 * the risk warnings' overdue reports.
 *
 * Only where the district ran that year's reporting on the platform: at least as many of the year's reports were
 * submitted through it by the day as are still missing. A year kept on paper (or before the platform came) has its
 * reports missing here, not from the registration authority, and makes nobody late.
 */
export async function lateReports(db: Db, on: string): Promise<LateReport[]> {
  const last = Number(on.slice(0, 4)) - 1;
  const out: LateReport[] = [];
  for (const district of await rates.allDistricts(db)) {
    for (const year of [last - 2, last - 1, last]) {
      const scope = await scopeFor(db, { id: district.id, level: 3, level3_id: district.id }, year, on);
      const late = await rates.lateOn(db, scope);
      const missing = late.filter((r) => r.submittedOn === null).length;
      if (late.length === 0) continue;
      const submitted = await rates.submittedCount(db, district.id, year, on);
      if (submitted === 0 || submitted < missing) continue;
      for (const r of late) out.push({ ...r, year });
    }
  }
  return out;
}
