import { CHANGE_KINDS, DEREGISTRATION_KINDS, ESTABLISHMENT_KINDS, REGISTRATION_KINDS, type ApplicationKind, type ReviewStep } from '../../../shared/enums.js';
import type { ApplicationCheck, ApplicationData } from '../../../shared/schemas/applications.js';
import { ATTACHMENT_KIND_LABELS, type OrgWarning } from '../../../shared/schemas/orgs.js';
import type { ReviewChainSetting, WorkflowSettings } from '../../../shared/schemas/settings.js';
import { deadlineDays, stepsForLevel } from '../reviews/index.js';

export const isEstablishment = (k: ApplicationKind) => ESTABLISHMENT_KINDS.includes(k);
export const isChange = (k: ApplicationKind) => CHANGE_KINDS.includes(k);
export const isDeregistration = (k: ApplicationKind) => DEREGISTRATION_KINDS.includes(k);
export const isRegistration = (k: ApplicationKind) => REGISTRATION_KINDS.includes(k);

/**
 * The steps an application goes through (its review_cases chain, fixed at first submission). Filing: the district's
 * filing chain (community pre-review → street qualification review and filing opinion → district record where the
 * district adds it, seed 004) without the steps below the organization's node, so one placed at a street skips the
 * community. Registration: one window at the district (seed 003).
 */
export function chainFor(kind: ApplicationKind, regionLevel: number, chain: ReviewChainSetting): ReviewStep[] {
  return isRegistration(kind) ? ['district'] : stepsForLevel(chain, regionLevel);
}

/** A step's limit in working days: the step's own for a filing, the registration window for a registration. */
export function deadlineOf(kind: ApplicationKind, step: ReviewStep, chain: Pick<ReviewChainSetting, 'deadlines'>): number {
  return deadlineDays(chain, isRegistration(kind) ? 'registration' : step);
}

/** Files an establishment needs (seed 004): 章程、负责人身份证明、活动场所证明、成员名单. */
export const REQUIRED_ATTACHMENTS = ['charter', 'leader_id', 'venue_proof', 'member_list'] as const;

export interface CheckInput {
  kind: ApplicationKind;
  data: ApplicationData;
  attachmentKinds: string[];
  workflow: WorkflowSettings;
  /** Prohibited, strictly controlled and same-kind-in-one-community warnings from the registry's rules. */
  registryWarnings: OrgWarning[];
  dueUncertain: boolean;
}

/**
 * The checks a reviewer sees (seed 004 三(一)2; DESIGN §4). `error` blocks submission; `warning` leaves the decision
 * to the reviewer, who must then give a reason.
 */
export function applicationChecks(input: CheckInput): ApplicationCheck[] {
  const { kind, data, workflow } = input;
  const checks: ApplicationCheck[] = [];
  if (isEstablishment(kind)) {
    const org = data.org;
    const listed = { individual: data.members.filter((m) => m.kind === 'individual').length, unit: data.members.filter((m) => m.kind === 'unit').length };
    const individual = Math.max(org.individualMembers ?? 0, listed.individual);
    const unit = Math.max(org.unitMembers ?? 0, listed.unit);
    const { individual: minIndividual, unit: minUnit } = workflow.memberThresholds;
    if (individual < minIndividual && unit < minUnit) {
      checks.push({ code: 'members_below_threshold', level: 'warning', message: `会员不足：个人会员 ${individual} 人、单位会员 ${unit} 个（一般应有个人会员 ${minIndividual} 人以上或单位会员 ${minUnit} 个以上）`, params: { individual, unit, minIndividual, minUnit } });
    }
    if ((org.individualMembers ?? 0) !== listed.individual || (org.unitMembers ?? 0) !== listed.unit) {
      checks.push({ code: 'member_list_mismatch', level: 'info', message: `成员名单（个人 ${listed.individual}、单位 ${listed.unit}）与填报的会员数（个人 ${org.individualMembers ?? 0}、单位 ${org.unitMembers ?? 0}）不一致`, params: { listedIndividual: listed.individual, listedUnit: listed.unit, individual: org.individualMembers ?? 0, unit: org.unitMembers ?? 0 } });
    }
    const charter = data.charter?.trim() ?? '';
    if (!charter) checks.push({ code: 'charter_missing', level: 'error', message: '请填写章程全文' });
    else {
      if (org.leaderName && !charter.includes(org.leaderName)) checks.push({ code: 'charter_no_leader', level: 'warning', message: `章程中未写明负责人（${org.leaderName}）`, params: { leader: org.leaderName } });
      if (!/宗旨/.test(charter)) checks.push({ code: 'charter_no_purpose', level: 'warning', message: '章程中未写明宗旨' });
      if (!/活动|业务范围/.test(charter)) checks.push({ code: 'charter_no_activities', level: 'warning', message: '章程中未写明活动内容或业务范围' });
    }
    for (const k of REQUIRED_ATTACHMENTS) {
      if (!input.attachmentKinds.includes(k)) checks.push({ code: `attachment_${k}`, level: 'error', message: `请上传${ATTACHMENT_KIND_LABELS[k]}`, params: { kind: k } });
    }
    if (kind === 'registration' && !data.registrationType) {
      checks.push({ code: 'registration_type', level: 'error', message: '请选择直接登记类型（行业协会商会类、科技类、公益慈善类、城乡社区服务类）' });
    }
  }
  if ((isChange(kind) || isDeregistration(kind)) && !data.reason?.trim()) {
    checks.push({ code: 'reason_missing', level: 'error', message: isChange(kind) ? '请填写变更原因' : '请填写注销原因' });
  }
  if (!isDeregistration(kind)) {
    for (const w of input.registryWarnings) checks.push({ code: w.code, level: 'warning', message: w.message, ...(w.orgs ? { orgs: w.orgs } : {}) });
  }
  if (input.dueUncertain) {
    checks.push({ code: 'due_uncertain', level: 'info', message: '审核期限进入尚未公布节假日安排的年份，到期日可能变化；请区民政局在设置中补充该年的节假日安排' });
  }
  return checks;
}

export const hasWarnings = (checks: ApplicationCheck[]) => checks.some((c) => c.level === 'warning');
export const blockingErrors = (checks: ApplicationCheck[]) => checks.filter((c) => c.level === 'error');
