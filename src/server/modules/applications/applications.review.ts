import { openJson } from '../../lib/personal-data.js';
import { randomInt } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { ApplicationRow, DB, Db, OrgRow, RegionRow } from '../../db/types.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { todayInChina } from '../../lib/working-days.js';
import { can, requireAccess } from '../../lib/access.js';
import { CREDIT_CODE_FORM_DIGIT, creditCodeCheckChar, orgCodeCheckChar } from '../../../shared/validators.js';
import { REVIEW_DECISIONS, type LegalForm, type ReviewStep } from '../../../shared/enums.js';
import type { ApplicationData, ReviewBody } from '../../../shared/schemas/applications.js';
import type { OrgFields } from '../../../shared/schemas/orgs.js';
import { applicationChainOf, DEFAULT_WORKFLOW } from '../../../shared/schemas/settings.js';
import { workflowFor } from '../settings/index.js';
import { decideCase, decideEachOnItsOwn, defineReviewSubject, latestCasesFor, type ReviewHookInput } from '../reviews/index.js';
import { findRegionById } from '../regions/index.js';
import { addOrgAttachments, applyOrgUpdate, changeOrgStatus, findOrgByCreditCode, findOrgById, insertPreparedOrg, orgFieldsOf, OrgValidationError, prepareOrg } from '../orgs/index.js';
import { linkAccountToOrg } from '../users/index.js';
import { issuerName, newCertificateNumber, recordCertificate, revokeCertificates } from '../certificates/index.js';
import * as repo from './applications.repository.js';
import { checksFor, districtOf, ENTITY, getApplication, loadApplication, orgOfApplication, restoreOrgStatus } from './applications.service.js';
import { chainFor, deadlineOf, hasWarnings, isChange, isDeregistration, isRegistration } from './applications.policy.js';

type Decision = (typeof REVIEW_DECISIONS)[number];

const regionById = async (db: Db, id: number): Promise<RegionRow> => (await findRegionById(db, id))!;

/** A credit code from the registration authority's range: 5, the form, the district, an MJ organization code. */
async function assignCreditCode(trx: Transaction<DB>, form: LegalForm, districtCode: string): Promise<string> {
  const digit = CREDIT_CODE_FORM_DIGIT[form as keyof typeof CREDIT_CODE_FORM_DIGIT];
  for (;;) {
    const body = `MJ${String(randomInt(1_000_000)).padStart(6, '0')}`;
    const first17 = `5${digit}${districtCode}${body}${orgCodeCheckChar(body)}`;
    const code = first17 + creditCodeCheckChar(first17);
    if (!(await findOrgByCreditCode(trx, code))) return code;
  }
}

const asValidation = (err: unknown) => {
  if (err instanceof OrgValidationError) {
    return errors.validation(Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [`org.${k}`, v])), '申请内容不符合登记规则，请退回补正');
  }
  return err;
};

/**
 * The last step approves: the registry changes in the same transaction (seed 004: the filing takes effect with
 * the record; DESIGN §3: one identity for life, so a filed or grassroots organization keeps its id).
 */
async function applyToRegistry(trx: Transaction<DB>, ctx: RequestContext, actor: Actor, app: ApplicationRow, existing: OrgRow | null, steps: readonly ReviewStep[], creditCode: string | undefined): Promise<string | null> {
  // Opened to be sealed again in the registry's own columns (orgs.fields.ts toColumns).
  const data = openJson(app.data) as ApplicationData;
  const today = todayInChina();
  const district = await regionById(trx, Number(app.level3_id));
  const lastStep = steps[steps.length - 1];
  const street = lastStep === 'street' && app.level4_id ? await regionById(trx, Number(app.level4_id)) : null;
  const issuer = issuerName(district, street);
  const issuerRegionId = Number((street ?? district).id);

  if (isDeregistration(app.kind)) {
    await changeOrgStatus(trx, ctx, Number(existing!.id), 'deregistered', data.reason ?? `申请编号 ${app.id}`, 'application.deregister');
    await revokeCertificates(trx, ctx, Number(existing!.id), today);
    return null;
  }

  const certKind = isRegistration(app.kind) ? 'registration' : 'filing';
  const number = await newCertificateNumber(trx, certKind, district.code, today);
  const base: Partial<OrgFields> = existing ? await orgFieldsOf(trx, existing) : {};
  const merged = { ...base, ...data.org, status: 'active', certificateNo: number } as OrgFields;
  if (app.kind === 'registration') {
    merged.creditCode = creditCode || (await assignCreditCode(trx, merged.legalForm, district.code));
  }
  const prepared = await prepareOrg(trx, actor, merged, existing ?? undefined).catch((e) => {
    throw asValidation(e);
  });
  let orgId: number;
  if (existing) {
    await applyOrgUpdate(trx, ctx, existing, merged, prepared, { version: existing.version, reason: `${isChange(app.kind) ? '变更' : '登记/备案'}申请编号 ${app.id} 经审核通过`, action: 'application.approve' });
    orgId = Number(existing.id);
  } else {
    // It enters the register today, whenever it was founded (the growth figures count it this year).
    orgId = await insertPreparedOrg(trx, ctx, merged, prepared, 'application.approve', { recorded_on: today });
    await addOrgAttachments(trx, orgId, await repo.findAttachmentFiles(trx, Number(app.id)));
    // The applicant's account now speaks for the organization it founded.
    await linkAccountToOrg(trx, Number(app.applicant_id), orgId);
  }
  // The record as it now stands, for the certificate (read in this transaction, after the write).
  const org = (await findOrgById(trx, orgId)) as OrgRow;
  await recordCertificate(trx, ctx, { number, kind: certKind, org, applicationId: Number(app.id), issuer, issuerRegionId, issuedOn: today });
  await repo.setApplicationOrg(trx, Number(app.id), orgId);
  return number;
}

/** The application's own row follows its case: a decision that changes the case bumps the application's version. */
async function saveApplication(trx: Transaction<DB>, app: ApplicationRow, patch: Partial<ApplicationRow>) {
  // Someone changed the application since the decision read it: the whole decision rolls back.
  if (!(await repo.updateApplication(trx, Number(app.id), app.version, patch))) throw errors.conflict('application.version_conflict', '该申请刚被他人处理，请刷新后查看');
}

/**
 * Applications on the one review chain (issue 11 item 3): the filing chain of the district's workflow setting, the
 * registration window at the district, the reviewer's reason over warnings, and the registry changed on approval.
 */
export const applicationSubject = defineReviewSubject<ApplicationRow>({
  kind: 'application',
  entity: ENTITY,
  label: '备案登记申请',
  noun: '申请',
  // Used only without any district setting: reviews reads the district's workflow for this kind (applicationChainOf).
  defaultChain: applicationChainOf(DEFAULT_WORKFLOW),
  linkOf: (id) => `/applications/${id}`,
  load: (db, id) => repo.findApplication(db, id),
  // An applicant's unfinished drafts are to-dos in the bell, as on the applications' own queue.
  draftsOf: (db, actor) => (can(actor, 'application.apply') ? repo.countDrafts(db, actor.id) : Promise.resolve(0)),
  chainFor: (app, regionLevel, chain) => chainFor(app.kind, regionLevel, chain),
  deadlineOf: (step, chain, app) => deadlineOf(app.kind, step, chain),
  // An approval over warnings (same-kind organization, too few members, prohibited or strictly controlled kind) must
  // say why (DESIGN §4: the reviewer decides and gives the reason).
  async checks(db, decision, { case: c, subject: app, opinion }: ReviewHookInput<ApplicationRow>) {
    if (decision !== 'approve' || opinion) return null;
    const workflow = await workflowFor(db, districtOf(app));
    if (!hasWarnings(await checksFor(db, app, await orgOfApplication(db, app), workflow, { dueUncertain: c.due_uncertain }))) return null;
    return { opinion: '该申请有需审核人员判断的提示（如同类组织、会员不足、禁止或严控类），同意时须写明理由' };
  },
  async onApprove(trx, ctx, { case: c, subject: app, extra }) {
    const creditCode = typeof extra?.creditCode === 'string' ? extra.creditCode : undefined;
    const certificateNo = await applyToRegistry(trx, ctx, ctx.actor!, app, await orgOfApplication(trx, app), c.steps, creditCode);
    await saveApplication(trx, app, { status: 'approved', decided_at: new Date(), ...(certificateNo ? { certificate_no: certificateNo } : {}) });
    return certificateNo;
  },
  onAdvance: (trx, _ctx, { subject: app }) => saveApplication(trx, app, {}),
  onReturn: (trx, _ctx, { subject: app }) => saveApplication(trx, app, { status: 'returned' }),
  async onReject(trx, ctx, { subject: app }) {
    await saveApplication(trx, app, { status: 'rejected', decided_at: new Date() });
    await restoreOrgStatus(trx, ctx, app, `申请编号 ${app.id} 不予通过`);
  },
  async onWithdraw(trx, ctx, { subject: app }) {
    await saveApplication(trx, app, { status: 'withdrawn', decided_at: new Date() });
    await restoreOrgStatus(trx, ctx, app, `撤回申请编号 ${app.id}`);
  },
});

/** One reviewer's decision on one application: the review chain's decision, with the application's own fields. */
export async function reviewApplication(db: Kysely<DB>, ctx: RequestContext, id: number, body: ReviewBody) {
  await loadApplication(db, ctx, id, 'application.review');
  // A draft has no case yet: it is not in review, as one already decided is not (reviews turnProblem's answer).
  if (!(await latestCasesFor(db, applicationSubject.kind, [id])).has(id)) throw errors.conflict('application.not_your_turn', '该申请当前不在审核中，不能审核');
  await decideCase(db, ctx, { kind: applicationSubject.kind, subjectId: id }, { decision: body.decision, opinion: body.opinion ?? null, ...(body.creditCode ? { extra: { creditCode: body.creditCode } } : {}) });
  return getApplication(db, ctx, id);
}

/**
 * Several at once (a reviewer's queue): each is decided on its own, and one refusal does not stop the rest. Each goes
 * through reviewApplication (not reviews' decideBatch) so an item gets the application's own answers: 404 for one
 * the reviewer may not see, 409 for a draft.
 */
export async function reviewBatch(db: Kysely<DB>, ctx: RequestContext, ids: number[], decision: Decision, opinion: string | undefined) {
  requireAccess(ctx.actor, 'application.review');
  const results = await decideEachOnItsOwn(ids, String, (id) => reviewApplication(db, ctx, id, { decision, opinion }));
  return { items: results.map(({ item, ok, message }) => ({ id: item, ok, message })) };
}
