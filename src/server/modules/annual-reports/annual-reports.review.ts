import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { can, requireAccess } from '../../lib/access.js';
import { addWorkingDays, todayInChina } from '../../lib/working-days.js';
import { annualReportSettingsFor, workdayOverridesFor } from '../settings/index.js';
import { decideCase, defineReviewSubject, latestCasesFor, submitCase, withdrawCase, type ReviewHookInput } from '../reviews/index.js';
import { CONCLUSIONS, CONCLUSION_LABELS, type AnnualReport, type AnnualReportReviewBody, type Conclusion } from '../../../shared/schemas/annual-reports.js';
import * as repo from './annual-reports.repository.js';
import type { ReportRow } from './annual-reports.repository.js';
import type { AnnualReportPatch } from '../../db/types-annual-reports.js';
import { chainFor, deadlineOf, dueDateOf, isOnTime } from './annual-reports.policy.js';
import { checksFor, districtOf, editable, ENTITY, getReport, KIND, loadReport } from './annual-reports.service.js';

/** The report's own row follows its case: each decision bumps its version with a version-checked update. */
async function saveReport(trx: Transaction<DB>, r: ReportRow, patch: AnnualReportPatch) {
  // Someone changed the report since the decision read it: the whole decision rolls back.
  if (!(await repo.updateReport(trx, Number(r.id), r.version, patch))) throw errors.conflict('annual_report.version_conflict', '该年报刚被他人处理，请刷新后查看');
}

const conclusionOf = (extra: Record<string, unknown> | undefined): Conclusion | null => {
  const c = extra?.conclusion;
  return typeof c === 'string' && (CONCLUSIONS as readonly string[]).includes(c) ? (c as Conclusion) : null;
};

const isLastStep = (input: ReviewHookInput<ReportRow>) => input.case.steps[input.case.steps.length - 1] === input.step;

/**
 * Annual reports on the one review chain (issue 11 item 3, issue 13 item 4). Registered forms go to the district's
 * annual inspection alone (chain ['district']: the registration authority inspects, 社团条例 art. 28, 民非条例
 * art. 23); a filed organization's report follows the district's `review.chains` entry for annual_report (default
 * community → street, seed 004). The last approval carries the conclusion (合格/基本合格/不合格) as `extra`.
 */
export const annualReportSubject = defineReviewSubject<ReportRow>({
  kind: KIND,
  entity: ENTITY,
  label: '年度报告（年检）',
  noun: '年报',
  defaultChain: { steps: ['community', 'street'], deadlines: { community: 10, street: 10, district: 20 } },
  linkOf: (id) => `/annual-reports/${id}`,
  load: (db, id) => repo.findReportById(db, id),
  draftsOf: (db, actor) => (can(actor, 'annual_report.file') ? repo.countDrafts(db, actor.id) : Promise.resolve(0)),
  chainFor: (r, level, chain) => chainFor(r.legal_form, level, chain),
  deadlineOf: (step, chain) => deadlineOf(step, chain),
  async checks(_db, decision, input): Promise<Record<string, string> | null> {
    // The outcome of a report is one of the three conclusions: 不合格 is a conclusion, not a rejection.
    if (decision === 'reject') return { decision: '年报不设“不予通过”：请退回补正，或同意并给出年检结论（不合格）' };
    if (decision !== 'approve' || !isLastStep(input)) return null;
    const conclusion = conclusionOf(input.extra);
    if (!conclusion) return { conclusion: '请选择年检结论（合格、基本合格或不合格），在年报页面办理' };
    if (conclusion !== 'pass' && !input.opinion) return { opinion: `结论为“${CONCLUSION_LABELS[conclusion]}”时须写明意见（存在的问题和整改要求）` };
    return null;
  },
  async onApprove(trx, ctx, input) {
    const conclusion = conclusionOf(input.extra)!;
    const now = new Date();
    await saveReport(trx, input.subject, {
      status: 'concluded', conclusion, opinion: input.opinion, concluded_at: now, concluded_on: todayInChina(now), concluded_by: ctx.actor!.id,
    });
    return { conclusion };
  },
  onAdvance: (trx, _ctx, { subject }) => saveReport(trx, subject, {}),
  async onReturn(trx, _ctx, { subject }) {
    // The correction window: N working days from the return (annual.reports correctionWorkingDays).
    const today = todayInChina();
    const district = districtOf(subject);
    const [settings, overrides] = await Promise.all([annualReportSettingsFor(trx, district), workdayOverridesFor(trx, district)]);
    await saveReport(trx, subject, { status: 'returned', returned_on: today, correction_due_on: addWorkingDays(today, settings.correctionWorkingDays, overrides).due });
  },
  async onWithdraw(trx, _ctx, { subject }) {
    // Taken back before a decision: a draft again, as if never submitted (the rates count it as not submitted).
    await saveReport(trx, subject, { status: 'draft', submitted_at: null, submitted_on: null, on_time: null, resubmitted_at: null, late_correction: false, returned_on: null, correction_due_on: null });
  },
});

/**
 * Submission (first, or after a return): refused while a check is an error (400, each at its field). The first
 * submission fixes the due date by the setting of the day and whether it was on time (on or before the due date);
 * a resubmission after the correction window is flagged late (late_correction).
 */
export async function submitReport(db: Kysely<DB>, ctx: RequestContext, id: number, version: number): Promise<AnnualReport> {
  const { report, org } = await loadReport(db, ctx, id, 'annual_report.file');
  if (!editable(report)) throw errors.conflict('annual_report.not_editable', '年报已提交审核或已出结论，不能重复提交');
  if (version !== report.version) throw errors.conflict('annual_report.version_conflict', '年报已被他人修改，请刷新后再提交');
  const { items, settings } = await checksFor(db, report);
  const problems = items.filter((i) => i.level === 'error');
  if (problems.length) {
    const fields: Record<string, string> = {};
    for (const p of problems) fields[p.field ?? 'report'] ??= p.message;
    throw errors.validation(fields, '年报尚有未填或不符之处，请按提示修改后再提交');
  }
  const now = new Date();
  const today = todayInChina(now);
  const first = report.submitted_at === null;
  const dueOn = first ? dueDateOf(report.legal_form, report.year, settings) : report.due_on;
  const patch: AnnualReportPatch = first
    ? { status: 'submitted', due_on: dueOn, submitted_at: now, submitted_on: today, on_time: isOnTime(today, dueOn) }
    : { status: 'submitted', resubmitted_at: now, late_correction: report.correction_due_on !== null && today > report.correction_due_on };
  await db.transaction().execute(async (trx) => {
    await saveReport(trx, report, patch);
    await submitCase(trx, ctx, { kind: KIND, subjectId: id, title: `${org.name} ${report.year} 年度报告`, regionId: Number(report.region_id) });
  });
  return getReport(db, ctx, id);
}

export async function withdrawReport(db: Kysely<DB>, ctx: RequestContext, id: number, reason: string | undefined): Promise<AnnualReport> {
  await loadReport(db, ctx, id, 'annual_report.file');
  await withdrawCase(db, ctx, { kind: KIND, subjectId: id }, reason ?? null);
  return getReport(db, ctx, id);
}

/**
 * A reviewer's decision on a report, with the conclusion of the last step. The district's step is the annual
 * inspection itself: it needs `annual_report.inspect` besides the chain's `review.decide`.
 */
export async function reviewReport(db: Kysely<DB>, ctx: RequestContext, id: number, body: AnnualReportReviewBody): Promise<AnnualReport> {
  requireAccess(ctx.actor, 'review.decide');
  const { report } = await loadReport(db, ctx, id, 'annual_report.read');
  // The version the reviewer saw is the report's (its page's), not the case's.
  if (body.version !== undefined && body.version !== report.version) throw errors.conflict('annual_report.version_conflict', '该年报已有新的办理进展，请刷新后查看');
  const c = (await latestCasesFor(db, KIND, [id])).get(id);
  if (!c || c.status !== 'in_review') throw errors.conflict('annual_report.not_your_turn', '该年报当前不在审核中，不能审核');
  if (c.current_step === 'district') requireAccess(ctx.actor, 'annual_report.inspect');
  await decideCase(db, ctx, { kind: KIND, subjectId: id }, { decision: body.decision, opinion: body.opinion ?? null, ...(body.conclusion ? { extra: { conclusion: body.conclusion } } : {}) });
  return getReport(db, ctx, id);
}
