import { sql, type RawBuilder } from 'kysely';
import '../../db/types-annual-reports.js';
import type { Db } from '../../db/types.js';
import type { RateFigure } from '../../../shared/schemas/annual-reports.js';

/**
 * Rates per node (issue 13 item 5) in one pass over the node's organizations: which owe a report for the year (the
 * rules of annual-reports.policy.ts exemptionOf, in SQL, per district's setting), joined to their report by the
 * unique (org_id, year) key. A district of thousands of organizations is one index scan of orgs_levelN_idx and as
 * many index probes; counters are not needed (the bench helper measures it).
 */

/** One district's rules for the year, as dates: the due dates, the social service cut-off, the social group one. */
export interface DistrictRule {
  districtId: number | null;
  dueFiled: string;
  dueRegistered: string;
  socialServiceMonths: number;
  socialGroupAfter: string | null;
}

export interface DueScope {
  node: { id: number; level: number };
  year: number;
  asOf: string;
  rules: DistrictRule[];
}

const levelRef = (level: number) => sql.ref(`o.level${level}_id`);

function dueOrgs(s: DueScope): RawBuilder<unknown> {
  const rules = sql.join(
    s.rules.map((r) => sql`(${r.districtId}::bigint, ${r.dueFiled}::date, ${r.dueRegistered}::date, ${r.socialServiceMonths}::int, ${r.socialGroupAfter}::date)`),
  );
  const yearEnd = `${s.year}-12-31`;
  const nextYear = `${s.year + 1}-01-01`;
  const child = s.node.level < 6 ? levelRef(s.node.level + 1) : sql`NULL::bigint`;
  // The rules row of the organization's district; organizations above any district take the defaults (district null).
  return sql`
    rules (district_id, due_filed, due_registered, ss_months, sg_after) AS (VALUES ${rules}),
    due AS (
      SELECT o.id, o.name, o.legal_form, o.region_id, o.level3_id, o.level4_id, o.level5_id, o.level6_id, ${child} AS child,
             CASE WHEN o.legal_form = 'filed' THEN ru.due_filed ELSE ru.due_registered END AS due_on
      FROM orgs o
      JOIN rules ru ON ru.district_id IS NOT DISTINCT FROM o.level3_id
      WHERE ${levelRef(s.node.level)} = ${s.node.id}
        AND o.legal_form IN ('social_group', 'social_service', 'foundation', 'filed')
        AND o.status NOT IN ('preparing', 'filing', 'registering')
        AND coalesce(o.recorded_on, o.founded_on) <= ${yearEnd}::date
        AND NOT (o.status IN ('deregistered', 'dissolved', 'revoked') AND o.closed_on IS NULL)
        AND (o.closed_on IS NULL OR o.closed_on > ${s.asOf}::date)
        AND NOT (o.legal_form = 'social_service' AND ru.ss_months > 0
                 AND (coalesce(o.recorded_on, o.founded_on) + make_interval(months => ru.ss_months))::date > ${nextYear}::date)
        AND NOT (o.legal_form = 'social_group' AND ru.sg_after IS NOT NULL AND coalesce(o.recorded_on, o.founded_on) > ru.sg_after)
    )`;
}

export interface FigureRow {
  child: number | null;
  due: number;
  submitted: number;
  onTime: number;
  concluded: number;
  passed: number;
  basicPassed: number;
  failed: number;
}

/** The counts per child node of the node (child null = organizations placed at the node itself). */
export async function countByChild(db: Db, s: DueScope): Promise<FigureRow[]> {
  if (s.rules.length === 0) return [];
  const { rows } = await sql<{ child: string | number | null; due: string; submitted: string; on_time: string; concluded: string; passed: string; basic: string; failed: string }>`
    WITH ${dueOrgs(s)}
    SELECT d.child,
           count(*) AS due,
           count(r.id) FILTER (WHERE r.submitted_on <= ${s.asOf}::date) AS submitted,
           count(r.id) FILTER (WHERE r.submitted_on <= ${s.asOf}::date AND r.on_time) AS on_time,
           count(r.id) FILTER (WHERE r.concluded_on <= ${s.asOf}::date) AS concluded,
           count(r.id) FILTER (WHERE r.concluded_on <= ${s.asOf}::date AND r.conclusion = 'pass') AS passed,
           count(r.id) FILTER (WHERE r.concluded_on <= ${s.asOf}::date AND r.conclusion = 'basic_pass') AS basic,
           count(r.id) FILTER (WHERE r.concluded_on <= ${s.asOf}::date AND r.conclusion = 'fail') AS failed
    FROM due d
    LEFT JOIN annual_reports r ON r.org_id = d.id AND r.year = ${s.year}
    GROUP BY d.child`.execute(db);
  return rows.map((r) => ({
    child: r.child === null ? null : Number(r.child),
    due: Number(r.due),
    submitted: Number(r.submitted),
    onTime: Number(r.on_time),
    concluded: Number(r.concluded),
    passed: Number(r.passed),
    basicPassed: Number(r.basic),
    failed: Number(r.failed),
  }));
}

const FIGURE_FILTERS: Record<RateFigure, (asOf: string) => RawBuilder<boolean>> = {
  due: () => sql<boolean>`true`,
  submitted: (asOf) => sql<boolean>`r.submitted_on <= ${asOf}::date`,
  concluded: (asOf) => sql<boolean>`r.concluded_on <= ${asOf}::date`,
  passed: (asOf) => sql<boolean>`r.concluded_on <= ${asOf}::date AND r.conclusion = 'pass'`,
  missing: (asOf) => sql<boolean>`(r.id IS NULL OR r.submitted_on IS NULL OR r.submitted_on > ${asOf}::date)`,
};

export interface RateOrgRow {
  id: number;
  name: string;
  legal_form: string;
  region_id: number;
  level1_id: null;
  level2_id: null;
  level3_id: number | null;
  level4_id: number | null;
  level5_id: number | null;
  level6_id: number | null;
  due_on: string;
  report_id: number | null;
  status: string | null;
  submitted_at: Date | null;
  on_time: boolean | null;
  conclusion: string | null;
}

/** The named organizations behind one figure of the node, by name. */
export async function orgsBehind(db: Db, s: DueScope, figure: RateFigure, page: { limit: number; offset: number }): Promise<{ rows: RateOrgRow[]; total: number }> {
  if (s.rules.length === 0) return { rows: [], total: 0 };
  const { rows } = await sql<RateOrgRow & { total: string }>`
    WITH ${dueOrgs(s)}
    SELECT d.id, d.name, d.legal_form, d.region_id, NULL AS level1_id, NULL AS level2_id, d.level3_id, d.level4_id, d.level5_id, d.level6_id,
           to_char(d.due_on, 'YYYY-MM-DD') AS due_on, r.id AS report_id, r.status, r.submitted_at,
           CASE WHEN r.submitted_on <= ${s.asOf}::date THEN r.on_time END AS on_time,
           CASE WHEN r.concluded_on <= ${s.asOf}::date THEN r.conclusion END AS conclusion,
           count(*) OVER () AS total
    FROM due d
    LEFT JOIN annual_reports r ON r.org_id = d.id AND r.year = ${s.year}
    WHERE ${FIGURE_FILTERS[figure](s.asOf)}
    ORDER BY d.name, d.id
    LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  const total = rows.length ? Number(rows[0]!.total) : 0;
  return {
    rows: rows.map((r) => ({ ...r, id: Number(r.id), region_id: Number(r.region_id), report_id: r.report_id === null ? null : Number(r.report_id), level3_id: r.level3_id === null ? null : Number(r.level3_id), level4_id: r.level4_id === null ? null : Number(r.level4_id), level5_id: r.level5_id === null ? null : Number(r.level5_id), level6_id: r.level6_id === null ? null : Number(r.level6_id) })),
    total,
  };
}

/** The districts at or below a node (their settings decide the rules). */
export async function districtsUnder(db: Db, node: { id: number; level: number; level3_id: number | null }): Promise<number[]> {
  if (node.level >= 3) return node.level3_id === null ? [] : [Number(node.level3_id)];
  const { rows } = await sql<{ id: string }>`SELECT id FROM regions WHERE level = 3 AND ${sql.ref(`level${node.level}_id`)} = ${node.id}`.execute(db);
  return rows.map((r) => Number(r.id));
}

/**
 * The organizations that owe a report whose due date lies in [from, to] and that have not submitted it (the reminder
 * source), with the year each owes and its report if one was started.
 */
export async function unsubmittedDue(db: Db, s: DueScope, from: string, to: string) {
  if (s.rules.length === 0) return [];
  const { rows } = await sql<{ id: string; name: string; due_on: string; report_id: string | null }>`
    WITH ${dueOrgs(s)}
    SELECT d.id, d.name, to_char(d.due_on, 'YYYY-MM-DD') AS due_on, r.id AS report_id
    FROM due d
    LEFT JOIN annual_reports r ON r.org_id = d.id AND r.year = ${s.year}
    WHERE d.due_on BETWEEN ${from}::date AND ${to}::date AND r.submitted_on IS NULL
    ORDER BY d.id`.execute(db);
  return rows.map((r) => ({ orgId: Number(r.id), name: r.name, dueOn: r.due_on, reportId: r.report_id === null ? null : Number(r.report_id) }));
}

/** Every district with organizations (the reminder job walks all of them). */
export async function allDistricts(db: Db): Promise<{ id: number; level: number }[]> {
  const { rows } = await sql<{ id: string }>`SELECT DISTINCT level3_id AS id FROM orgs WHERE level3_id IS NOT NULL`.execute(db);
  return rows.map((r) => ({ id: Number(r.id), level: 3 }));
}

/** The child nodes of a node, by code (the rows of the rates table, with or without organizations). */
export async function childrenOf(db: Db, nodeId: number): Promise<{ id: number }[]> {
  const { rows } = await sql<{ id: string }>`SELECT id FROM regions WHERE parent_id = ${nodeId} ORDER BY code`.execute(db);
  return rows.map((r) => ({ id: Number(r.id) }));
}

/**
 * The organizations of a scope whose report for the year was due before asOf and was not submitted by its due date,
 * as it stood on asOf (a report submitted after asOf counts as not yet submitted): the facts behind the credit rule
 * "annual report not filed on time" (民政部令第60号), reproducible for a past day.
 */
export async function lateOn(db: Db, s: DueScope) {
  if (s.rules.length === 0) return [];
  const { rows } = await sql<{ id: string; legal_form: string; due_on: string; submitted_on: string | null; report_id: string | null }>`
    WITH ${dueOrgs(s)}
    SELECT d.id, d.legal_form, to_char(d.due_on, 'YYYY-MM-DD') AS due_on, r.id AS report_id,
           CASE WHEN r.submitted_on <= ${s.asOf}::date THEN to_char(r.submitted_on, 'YYYY-MM-DD') END AS submitted_on
    FROM due d
    LEFT JOIN annual_reports r ON r.org_id = d.id AND r.year = ${s.year}
    WHERE d.due_on < ${s.asOf}::date AND (r.submitted_on IS NULL OR r.submitted_on > d.due_on)
    ORDER BY d.id`.execute(db);
  return rows.map((r) => ({ orgId: Number(r.id), legalForm: r.legal_form, dueOn: r.due_on, submittedOn: r.submitted_on, reportId: r.report_id === null ? null : Number(r.report_id) }));
}

/** The reports of a district and year submitted on the platform by a day (whether its reporting ran here). */
export async function submittedCount(db: Db, districtId: number, year: number, on: string): Promise<number> {
  const row = await db
    .selectFrom('annual_reports')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('level3_id', '=', districtId)
    .where('year', '=', year)
    .where('submitted_on', '<=', on)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
