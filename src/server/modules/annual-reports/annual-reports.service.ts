import type { Kysely } from 'kysely';
import { ledgerTotals } from './annual-reports.ledger.js';
import type { DB, Db, OrgRow } from '../../db/types.js';
import type { RequestContext, Actor } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { can, listScope, placementColumns, requireAccess, requireOrgAccess, subtreeOf, type Permission } from '../../lib/access.js';
import { keepSealed, sealJson } from '../../lib/personal-data.js';
import { todayInChina } from '../../lib/working-days.js';
import { findOrgById, loadOrgFor } from '../orgs/index.js';
import { findRegionById, resolveRegionFor } from '../regions/index.js';
import { annualReportSettingsFor } from '../settings/index.js';
import { caseEvents, latestCasesFor, turnProblem } from '../reviews/index.js';
import { isValidPhone, PHONE_MESSAGE, residentIdProblem, RESIDENT_ID_MESSAGES } from '../../../shared/validators.js';
import {
  AnnualReportSections,
  SECTIONS_BY_FORM,
  SECTION_LABELS,
  isReportingForm,
  type AnnualReport,
  type AnnualReportChecks,
  type AnnualReportCreateBody,
  type AnnualReportDiff,
  type AnnualReportListQuery,
  type AnnualReportListResponse,
  type AnnualReportSections as Sections,
  type AnnualReportUpdateBody,
  type Obligation,
  type ReportingForm,
  type SectionKey,
} from '../../../shared/schemas/annual-reports.js';
import * as repo from './annual-reports.repository.js';
import type { ReportRow } from './annual-reports.repository.js';
import { checksOf, diffOf, dueDateOf, electionDueOf, exemptionOf } from './annual-reports.policy.js';
import { readableSections, toListItem, toListItems } from './annual-reports.mapping.js';

export const ENTITY = 'annual_report';
export const KIND = 'annual_report';

export const districtOf = (p: { level3_id: number | null }) => (p.level3_id ? Number(p.level3_id) : null);

/** Where the report lies for the relation checks: its own placement, its organization's id and federation. */
const placeOf = (r: ReportRow, org: Pick<OrgRow, 'hub_org_id'>) => ({ ...r, id: Number(r.org_id), hub_org_id: org.hub_org_id });

/** The one access decision on a report: 401/403, 404 outside the actor's subtree or organizations. */
export async function loadReport(db: Db, ctx: RequestContext, id: number, permission: Permission): Promise<{ report: ReportRow; org: OrgRow; actor: Actor }> {
  requireAccess(ctx.actor, permission);
  const report = await repo.findReportById(db, id);
  if (!report) throw errors.notFound(ENTITY);
  const org = (await findOrgById(db, Number(report.org_id)))!;
  await requireOrgAccess(db, ctx.actor, permission, placeOf(report, org), ENTITY);
  return { report, org, actor: ctx.actor };
}

export async function listReports(db: Kysely<DB>, ctx: RequestContext, q: AnnualReportListQuery): Promise<AnnualReportListResponse> {
  requireAccess(ctx.actor, 'annual_report.read');
  const scope = await listScope(db, ctx.actor);
  const node = q.region ? await resolveRegionFor(db, ctx.actor, q.region, 'annual_report.read') : null;
  const { rows, total } = await repo.listReports(db, scope, q, node ? subtreeOf(node) : null);
  return { items: await toListItems(db, rows), total };
}

async function lastYearOf(db: Db, r: ReportRow): Promise<{ id: number; sections: Sections } | null> {
  const last = await repo.findReportByOrgYear(db, Number(r.org_id), r.year - 1);
  if (!last || !isReportingForm(last.legal_form)) return null;
  return { id: Number(last.id), sections: readableSections(last.legal_form, last.sections) };
}

/** The checks of a report as it stands (GET, PATCH, submission). */
export async function checksFor(db: Db, r: ReportRow, sections = readableSections(r.legal_form, r.sections)) {
  const [settings, ledger, last] = await Promise.all([annualReportSettingsFor(db, districtOf(r)), ledgerTotals(db, Number(r.org_id), r.year), lastYearOf(db, r)]);
  const items = checksOf(r.legal_form, sections, { ledgerCount: ledger.count, lastYear: last?.sections ?? null, largeChangePercent: settings.largeChangePercent, hasScan: r.scan_filename !== null, year: r.year });
  return { items, ledgerCount: ledger.count, settings, last };
}

export const editable = (r: Pick<ReportRow, 'status'>) => r.status === 'draft' || r.status === 'returned';

/** The whole report as its page shows it. */
export async function toReport(db: Db, actor: Actor, r: ReportRow, org: OrgRow): Promise<AnnualReport> {
  const place = (await toListItems(db, [{ ...r, org_name: org.name, credit_code: org.credit_code, current_step: null }]))[0]!;
  const sections = readableSections(r.legal_form, r.sections);
  const [{ items, ledgerCount }, cases, concludedBy] = await Promise.all([
    checksFor(db, r, sections),
    latestCasesFor(db, KIND, [Number(r.id)]),
    r.concluded_by ? findConcluder(db, Number(r.concluded_by)) : Promise.resolve(null),
  ]);
  const c = cases.get(Number(r.id)) ?? null;
  const open = c && (c.status === 'in_review' || c.status === 'returned') ? c : null;
  const mayFile = can(actor, 'annual_report.file');
  const mayReview = !!open && can(actor, 'review.decide') && turnProblem(actor, open, '年报') === null;
  const lastStep = open ? open.steps[open.steps.length - 1] : null;
  return {
    ...place,
    currentStep: open?.current_step ?? null,
    sections: sections as unknown as Record<string, unknown>,
    sectionKeys: [...SECTIONS_BY_FORM[r.legal_form]],
    opinion: r.opinion,
    concludedBy,
    declarationScan: r.scan_filename ? { filename: r.scan_filename, mimeType: r.scan_mime_type!, sizeBytes: r.scan_size_bytes!, uploadedAt: new Date(r.scan_uploaded_at!).toISOString() } : null,
    ledgerActivityCount: ledgerCount,
    electionDue: electionDueOf(sections.governance, r.year),
    review: c ? { caseId: Number(c.id), status: c.status, steps: c.steps, currentStep: c.current_step, stepDueOn: c.step_due_on } : null,
    events: c ? await caseEvents(db, Number(c.id)) : [],
    checks: items,
    can: {
      edit: mayFile && editable(r),
      submit: mayFile && editable(r) && !items.some((i) => i.level === 'error'),
      withdraw: mayFile && r.status === 'submitted' && !!open && Number(open.submitted_by) === actor.id,
      review: mayReview,
      conclude: mayReview && open!.current_step === lastStep && (lastStep !== 'district' || can(actor, 'annual_report.inspect')),
    },
    createdAt: new Date(r.created_at).toISOString(),
  };
}

async function findConcluder(db: Db, userId: number) {
  const u = await repo.findUserName(db, userId);
  return u ? { id: Number(u.id), displayName: u.display_name } : null;
}

export async function getReport(db: Db, ctx: RequestContext, id: number): Promise<AnnualReport> {
  const { report, org, actor } = await loadReport(db, ctx, id, 'annual_report.read');
  return toReport(db, actor, report, org);
}

export async function getChecks(db: Db, ctx: RequestContext, id: number): Promise<AnnualReportChecks> {
  const { report } = await loadReport(db, ctx, id, 'annual_report.read');
  const { items } = await checksFor(db, report);
  return { items, canSubmit: editable(report) && !items.some((i) => i.level === 'error') };
}

export async function getDiff(db: Db, ctx: RequestContext, id: number): Promise<AnnualReportDiff> {
  const { report } = await loadReport(db, ctx, id, 'annual_report.read');
  const settings = await annualReportSettingsFor(db, districtOf(report));
  const last = await lastYearOf(db, report);
  return { year: report.year, lastYearReportId: last?.id ?? null, largeChangePercent: settings.largeChangePercent, items: diffOf(report.legal_form, readableSections(report.legal_form, report.sections), last?.sections ?? null, settings.largeChangePercent) };
}

/** What an organization owes for a year. */
export async function obligationOf(db: Db, org: OrgRow, year: number): Promise<Obligation> {
  const settings = await annualReportSettingsFor(db, districtOf(org));
  const exemption = exemptionOf(org, year, settings, todayInChina());
  const report = await repo.findReportByOrgYear(db, Number(org.id), year);
  return {
    orgId: Number(org.id), year, due: exemption === null, exemption, reportId: report ? Number(report.id) : null,
    dueOn: exemption === null && isReportingForm(org.legal_form) ? dueDateOf(org.legal_form, year, settings) : null,
  };
}

export async function getObligation(db: Db, ctx: RequestContext, orgId: number, year: number): Promise<Obligation> {
  const org = await loadOrgFor(db, ctx, orgId, 'annual_report.read', ENTITY);
  return obligationOf(db, org, year);
}

/**
 * The sections prefilled for a new report: basic facts from the registry, the activity figures from the ledger, the
 * members from the record, the election dates and supervising unit from last year's report. The leader's phone is
 * carried as the registry's sealed value (never opened).
 */
async function prefill(db: Db, org: OrgRow, year: number, form: ReportingForm): Promise<Sections> {
  const [ledger, last] = await Promise.all([ledgerTotals(db, Number(org.id), year), repo.findReportByOrgYear(db, Number(org.id), year - 1)]);
  const lastSections = last && isReportingForm(last.legal_form) ? (last.sections as Partial<Sections>) : null;
  const empty = AnnualReportSections[form].parse({}) as Sections;
  const doc: Sections = {
    ...empty,
    basic: {
      ...empty.basic,
      name: org.name, creditCode: org.credit_code, address: org.address, leaderName: org.leader_name, foundedOn: org.founded_on, venue: org.venue,
      supervisingUnit: lastSections?.basic?.supervisingUnit ?? null, staffCount: lastSections?.basic?.staffCount ?? null,
    },
    activities: { ...empty.activities, claimedCount: ledger.count, participants: ledger.participants, volunteerHours: Math.round(ledger.volunteerMinutes / 60) },
    governance: { ...empty.governance, lastElectionOn: lastSections?.governance?.lastElectionOn ?? null, termYears: lastSections?.governance?.termYears ?? null },
  };
  if (empty.members) doc.members = { ...empty.members, individual: org.individual_members, unit: org.unit_members };
  const sealed = sealJson(doc) as Omit<Sections, 'basic'> & { basic: Omit<Sections['basic'], 'leaderPhone'> & { leaderPhone: unknown } };
  if (org.leader_phone_enc && org.leader_phone_masked) sealed.basic.leaderPhone = { $sealed: org.leader_phone_enc, masked: org.leader_phone_masked };
  return sealed as unknown as Sections;
}

export async function createReport(db: Kysely<DB>, ctx: RequestContext, body: AnnualReportCreateBody): Promise<AnnualReport> {
  const org = await loadOrgFor(db, ctx, body.orgId, 'annual_report.file', ENTITY);
  const actor = ctx.actor!;
  const today = todayInChina();
  if (body.year > Number(today.slice(0, 4))) throw errors.validation({ year: '不能填报未来年度的年报' });
  const ob = await obligationOf(db, org, body.year);
  if (ob.reportId !== null) throw errors.conflict('annual_report.exists', `该组织 ${body.year} 年度的年报已经建立`, { year: `该组织 ${body.year} 年度的年报已经建立（编号 ${ob.reportId}）` });
  if (ob.exemption || !isReportingForm(org.legal_form)) throw errors.conflict('annual_report.exempt', `${ob.exemption!.reason}（${ob.exemption!.source}）`, { year: ob.exemption!.reason });
  const form = org.legal_form;
  const region = (await findRegionById(db, Number(org.region_id)))!;
  const sections = await prefill(db, org, body.year, form);
  const id = await db.transaction().execute(async (trx) => {
    const id = await repo
      .insertReport(trx, { org_id: Number(org.id), ...placementColumns(region), year: body.year, legal_form: form, status: 'draft', sections: JSON.stringify(sections), due_on: ob.dueOn!, created_by: actor.id })
      .catch((err: unknown) => {
        // Two creations at once: the unique (org_id, year) key lets one through.
        if ((err as { code?: string }).code === '23505') throw errors.conflict('annual_report.exists', `该组织 ${body.year} 年度的年报已经建立`);
        throw err;
      });
    await writeAudit(trx, ctx, { action: 'annual_report.create', entityType: ENTITY, entityId: id, regionCode: region.code, newValue: { orgId: Number(org.id), year: body.year, legalForm: form, dueOn: ob.dueOn } });
    return id;
  });
  return getReport(db, ctx, id);
}

/** Field messages of a section document (zod issues under `sections.<path>`), and of ID numbers and phones typed in. */
function sectionProblems(form: ReportingForm, doc: unknown): { data: Sections | null; fields: Record<string, string> } {
  const parsed = AnnualReportSections[form].safeParse(doc);
  const fields: Record<string, string> = {};
  if (!parsed.success) {
    for (const i of parsed.error.issues) fields[['sections', ...i.path.map(String)].join('.')] ??= i.message;
    return { data: null, fields };
  }
  const data = parsed.data as Sections;
  const phone = data.basic.leaderPhone;
  if (phone && !phone.includes('*') && !isValidPhone(phone)) fields['sections.basic.leaderPhone'] = PHONE_MESSAGE;
  data.governance.leaderChanges.forEach((c, i) => {
    const p = c.idNumber && !c.idNumber.includes('*') ? residentIdProblem(c.idNumber) : null;
    if (p) fields[`sections.governance.leaderChanges.${i}.idNumber`] = RESIDENT_ID_MESSAGES[p];
    if (c.phone && !c.phone.includes('*') && !isValidPhone(c.phone)) fields[`sections.governance.leaderChanges.${i}.phone`] = PHONE_MESSAGE;
  });
  return { data, fields };
}

/** A draft saved: whole sections replace the stored ones; answered with the report and its fresh checks. */
export async function updateReport(db: Kysely<DB>, ctx: RequestContext, id: number, body: AnnualReportUpdateBody): Promise<AnnualReport> {
  const { report, org, actor } = await loadReport(db, ctx, id, 'annual_report.file');
  if (!editable(report)) throw errors.conflict('annual_report.not_editable', '年报已提交审核或已出结论，不能修改');
  if (body.version !== report.version) throw errors.conflict('annual_report.version_conflict', '年报已被他人修改，请刷新后再编辑');
  const form = report.legal_form;
  const allowed = SECTIONS_BY_FORM[form];
  const foreign = Object.keys(body.sections).filter((k) => !allowed.includes(k as SectionKey));
  if (foreign.length) throw errors.validation(Object.fromEntries(foreign.map((k) => [`sections.${k}`, `${SECTION_LABELS[k as SectionKey] ?? k}不属于此类组织的年报`])));
  const current = readableSections(form, report.sections) as unknown as Record<string, unknown>;
  const { data, fields } = sectionProblems(form, { ...current, ...body.sections });
  if (!data || Object.keys(fields).length) throw errors.validation(fields);
  const stored = sealJson(keepSealed(data, report.sections));
  const changed = Object.keys(body.sections);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.updateReport(trx, id, report.version, { sections: JSON.stringify(stored) }))) throw errors.conflict('annual_report.version_conflict', '年报已被他人修改，请刷新后再编辑');
    await writeAudit(trx, ctx, { action: 'annual_report.update', entityType: ENTITY, entityId: id, newValue: { sections: changed } });
  });
  return toReport(db, actor, (await repo.findReportById(db, id))!, org);
}

export { toListItem };
