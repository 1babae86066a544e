import { sql } from 'kysely';
import '../../db/types-annual-reports.js';
import '../../db/types-ledger.js';
import type { Db } from '../../db/types.js';
import type { AnnualReportPatch, AnnualReportRow, NewAnnualReport } from '../../db/types-annual-reports.js';
import type { ListScope } from '../../lib/access.js';
import type { AnnualReportListQuery } from '../../../shared/schemas/annual-reports.js';

/** The annual_reports table (migration 0019), Kysely only; the first parameter is the database or the transaction. */

/** Every column but the scan's bytes (read only by the download). */
const COLUMNS = [
  'id', 'org_id', 'region_id', 'level1_id', 'level2_id', 'level3_id', 'level4_id', 'level5_id', 'level6_id', 'year', 'legal_form', 'status', 'sections',
  'due_on', 'submitted_at', 'submitted_on', 'on_time', 'returned_on', 'correction_due_on', 'resubmitted_at', 'late_correction', 'conclusion', 'opinion',
  'concluded_at', 'concluded_on', 'concluded_by', 'scan_filename', 'scan_mime_type', 'scan_size_bytes', 'scan_uploaded_at', 'scan_uploaded_by', 'created_by',
  'version', 'created_at', 'updated_at',
] as const;
export type ReportRow = Omit<AnnualReportRow, 'scan_content'>;

export async function insertReport(db: Db, row: NewAnnualReport): Promise<number> {
  const r = await db.insertInto('annual_reports').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export function findReportById(db: Db, id: number): Promise<ReportRow | undefined> {
  return db.selectFrom('annual_reports').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function findReportByOrgYear(db: Db, orgId: number, year: number): Promise<ReportRow | undefined> {
  return db.selectFrom('annual_reports').select(COLUMNS).where('org_id', '=', orgId).where('year', '=', year).executeTakeFirst();
}

/** A version-checked update: false when someone changed the report since it was read. */
export async function updateReport(db: Db, id: number, version: number, patch: AnnualReportPatch): Promise<boolean> {
  const r = await db
    .updateTable('annual_reports')
    .set({ ...patch, version: version + 1, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function findScan(db: Db, id: number) {
  return db.selectFrom('annual_reports').select(['scan_filename', 'scan_mime_type', 'scan_content']).where('id', '=', id).executeTakeFirst();
}

function scoped(db: Db, scope: ListScope) {
  let q = db.selectFrom('annual_reports as r').innerJoin('orgs as o', 'o.id', 'r.org_id');
  if (scope.region) q = q.where(`r.${scope.region.column}`, '=', scope.region.id);
  const org = scope.org;
  if (org?.kind === 'own') q = q.where('r.org_id', '=', org.orgId);
  if (org?.kind === 'hub') q = q.where((eb) => eb.or([eb('o.id', '=', org.hubId), eb('o.hub_org_id', '=', org.hubId)]));
  if (org?.kind === 'ids') q = org.ids.length ? q.where('r.org_id', 'in', org.ids) : q.where(sql<boolean>`false`);
  return q;
}

export type ListedReport = ReportRow & { org_name: string; credit_code: string | null; current_step: string | null };

/** One page of reports inside the scope, newest year first, then by organization name; with the case's step. */
export async function listReports(db: Db, scope: ListScope, f: AnnualReportListQuery, regionFilter: { column: string; id: number } | null) {
  let q = scoped(db, scope);
  if (regionFilter) q = q.where(sql.ref(`r.${regionFilter.column}`), '=', regionFilter.id);
  if (f.year !== undefined) q = q.where('r.year', '=', f.year);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.conclusion) q = q.where('r.conclusion', '=', f.conclusion);
  if (f.org !== undefined) q = q.where('r.org_id', '=', f.org);
  if (f.q) q = q.where('o.name', 'like', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const total = await q.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(COLUMNS.map((c) => `r.${c}` as const))
    .select(['o.name as org_name', 'o.credit_code'])
    .select((eb) =>
      eb
        .selectFrom('review_cases as c')
        .select('c.current_step')
        .whereRef('c.subject_id', '=', 'r.id')
        .where('c.subject_kind', '=', 'annual_report')
        .where('c.status', 'in', ['in_review', 'returned'])
        .limit(1)
        .as('current_step'),
    )
    .orderBy('r.year', 'desc')
    .orderBy('o.name')
    .orderBy('r.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows: rows as unknown as ListedReport[], total: Number(total.n) };
}

/** The organizations' concluded years, for the public register. */
export function findConclusions(db: Db, orgId: number) {
  return db
    .selectFrom('annual_reports')
    .select(['year', 'legal_form', 'conclusion', 'concluded_at'])
    .where('org_id', '=', orgId)
    .where('status', '=', 'concluded')
    .orderBy('year', 'desc')
    .execute();
}

/** The reports of the organization's drafts an account created and did not submit yet (the bell's to-dos). */
export async function countDrafts(db: Db, userId: number): Promise<number> {
  const r = await db.selectFrom('annual_reports').select(sql<string>`count(*)`.as('n')).where('created_by', '=', userId).where('status', '=', 'draft').executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Who concluded a report, as its page names them. */
export function findUserName(db: Db, userId: number) {
  return db.selectFrom('users').select(['id', 'display_name']).where('id', '=', userId).executeTakeFirst();
}
