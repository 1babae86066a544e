import { randomInt } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { ApplicationRow, DB, Db, OrgRow, RegionRow } from '../../db/types.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import { errors, AppError } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { todayInChina } from '../../lib/working-days.js';
import { requireAccess } from '../../lib/access.js';
import { CREDIT_CODE_FORM_DIGIT, creditCodeCheckChar, orgCodeCheckChar } from '../../../shared/validators.js';
import { REVIEW_DECISIONS, type LegalForm } from '../../../shared/enums.js';
import type { ApplicationData, ReviewBody } from '../../../shared/schemas/applications.js';
import type { OrgFields } from '../../../shared/schemas/orgs.js';
import { workflowFor } from '../settings/index.js';
import { findRegionById } from '../regions/index.js';
import { addOrgAttachments, applyOrgUpdate, changeOrgStatus, findOrgByCreditCode, findOrgById, insertPreparedOrg, orgFieldsOf, OrgValidationError, prepareOrg } from '../orgs/index.js';
import { linkAccountToOrg } from '../users/index.js';
import { issuerName, newCertificateNumber, recordCertificate, revokeCertificates } from '../certificates/index.js';
import * as repo from './applications.repository.js';
import { checksFor, dueForStep, ENTITY, getApplication, loadApplication, restoreOrgStatus } from './applications.service.js';
import { hasWarnings, isChange, isDeregistration, isRegistration, turnProblem } from './applications.policy.js';

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
async function applyToRegistry(trx: Transaction<DB>, ctx: RequestContext, actor: Actor, app: ApplicationRow, existing: OrgRow | null, body: ReviewBody): Promise<string | null> {
  const data = app.data as ApplicationData;
  const today = todayInChina();
  const district = await regionById(trx, Number(app.level3_id));
  const lastStep = app.steps[app.steps.length - 1];
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
    merged.creditCode = body.creditCode || (await assignCreditCode(trx, merged.legalForm, district.code));
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

/** One reviewer's decision on one application, in one transaction with its trail entry and audit record. */
export async function reviewApplication(db: Kysely<DB>, ctx: RequestContext, id: number, body: ReviewBody) {
  const { app, org, actor } = await loadApplication(db, ctx, id, 'application.review');
  const problem = turnProblem(actor, app);
  if (problem) throw errors.conflict('application.not_your_turn', problem);
  const opinion = body.opinion?.trim() || null;
  if (body.decision !== 'approve' && !opinion) {
    throw errors.validation({ opinion: body.decision === 'return' ? '退回补正须写明需要补正的内容' : '不予通过须写明理由' });
  }
  const workflow = await workflowFor(db, Number(app.level3_id));
  if (body.decision === 'approve' && !opinion) {
    if (hasWarnings(await checksFor(db, app, org, workflow))) {
      throw errors.validation({ opinion: '该申请有需审核人员判断的提示（如同类组织、会员不足、禁止或严控类），同意时须写明理由' });
    }
  }
  const step = app.current_step!;
  const nextStep = body.decision === 'approve' ? app.steps[app.steps.indexOf(step) + 1] : undefined;
  const due = nextStep ? await dueForStep(db, app, nextStep, workflow) : null;
  await db.transaction().execute(async (trx) => {
    const patch: Partial<ApplicationRow> =
      body.decision === 'return' ? { status: 'returned', step_due_on: null, due_uncertain: false }
      : body.decision === 'reject' ? { status: 'rejected', current_step: null, step_due_on: null, due_uncertain: false, decided_at: new Date() }
      : nextStep ? { current_step: nextStep, ...due! }
      : { status: 'approved', current_step: null, step_due_on: null, due_uncertain: false, decided_at: new Date() };
    const saved = await repo.updateApplication(trx, id, app.version, patch);
    if (!saved) throw errors.conflict('application.version_conflict', '该申请刚被他人处理，请刷新后查看');
    await repo.insertEvent(trx, { applicationId: id, actorId: actor.id, actorName: actor.displayName, actorRole: actor.role, step, action: body.decision, opinion: opinion ?? '同意', dueOn: due?.step_due_on ?? null });
    if (body.decision === 'reject') await restoreOrgStatus(trx, ctx, app, `申请编号 ${id} 不予通过`);
    let certificateNo: string | null = null;
    if (body.decision === 'approve' && !nextStep) {
      certificateNo = await applyToRegistry(trx, ctx, actor, app, org, body);
      if (certificateNo) await repo.setCertificateNo(trx, id, certificateNo);
    }
    await writeAudit(trx, ctx, {
      action: `application.${body.decision}`,
      entityType: ENTITY,
      entityId: id,
      regionCode: (await regionById(trx, Number(app.region_id))).code,
      newValue: { step, opinion, nextStep: nextStep ?? null, certificateNo },
    });
  });
  return getApplication(db, ctx, id);
}

/** Several at once (a reviewer's queue): each is decided on its own, and one refusal does not stop the rest. */
export async function reviewBatch(db: Kysely<DB>, ctx: RequestContext, ids: number[], decision: Decision, opinion: string | undefined) {
  requireAccess(ctx.actor, 'application.review');
  const items: { id: number; ok: boolean; message: string | null }[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      await reviewApplication(db, ctx, id, { decision, opinion });
      items.push({ id, ok: true, message: null });
    } catch (err) {
      if (!(err instanceof AppError) || err.statusCode >= 500) throw err;
      const detail = err.fields ? Object.values(err.fields).join('；') : err.message;
      items.push({ id, ok: false, message: detail });
    }
  }
  return { items };
}
