import dayjs, { type Dayjs } from 'dayjs';
import type { LegalForm } from '../../../../shared/enums.js';
import { isChange, isDeregistration } from '../app-tags.js';
import type { Application, ApplicationData } from '../applications.api.js';
import type { AppMsgKey } from '../applications.messages.js';
import type { MemberValue } from '../MemberListEditor.js';

export { dataPathOf, isFilled, keepValid } from './keep-valid.js';

// The wizard's form as data: its steps, its values, the way to and from the API's ApplicationData, and which step
// holds a field. No React here; ApplicationEditPage holds the state, the step components show the fields.

export type StepKey = 'basic' | 'people' | 'charter' | 'files' | 'reason' | 'check';
export type Path = (string | number)[];

export const STEP_TITLES: Record<StepKey, AppMsgKey> = {
  basic: 'wizard.step.basic',
  people: 'wizard.step.people',
  charter: 'wizard.step.charter',
  files: 'wizard.step.files',
  reason: 'wizard.step.reason',
  check: 'wizard.step.check',
};

export function stepsFor(kind: Application['kind']): StepKey[] {
  if (isDeregistration(kind)) return ['reason', 'check'];
  if (isChange(kind)) return ['basic', 'people', 'charter', 'reason', 'check'];
  return ['basic', 'people', 'charter', 'files', 'check'];
}

/** The proposed record's fields on the form, by the step that holds them. */
const ORG_FIELD_STEP: Record<string, StepKey> = {
  name: 'basic',
  legalForm: 'basic',
  category: 'basic',
  regionCode: 'basic',
  address: 'basic',
  foundedOn: 'basic',
  creditCode: 'basic',
  leaderName: 'people',
  leaderIdNumber: 'people',
  leaderPhone: 'people',
  individualMembers: 'people',
  unitMembers: 'people',
  purpose: 'charter',
  activities: 'charter',
  venue: 'charter',
};

/** The step of the wizard that shows a form path (a server message lands there); 'check' when none of `steps` does. */
export function stepOfPath(path: Path, steps: StepKey[], establishment: boolean): StepKey {
  const [head, second] = path;
  let s: StepKey = 'check';
  if (head === 'org' && typeof second === 'string') s = ORG_FIELD_STEP[second] ?? 'basic';
  else if (head === 'members') s = 'people';
  else if (head === 'charter') s = 'charter';
  else if (head === 'registrationType') s = 'basic';
  else if (head === 'reason') s = 'reason';
  else if (head === 'attachments') s = establishment ? 'files' : 'reason';
  return steps.includes(s) ? s : 'check';
}

const TEXT_FIELDS = ['name', 'category', 'regionCode', 'address', 'leaderName', 'leaderIdNumber', 'leaderPhone', 'purpose', 'activities', 'venue'] as const;
// An empty value of these is left out of a draft (the server's rules apply to what is present).
const OMIT_WHEN_EMPTY = ['name', 'category', 'regionCode', 'legalForm'];

export interface OrgValues {
  name?: string;
  legalForm?: LegalForm;
  category?: string;
  regionCode?: string | null;
  address?: string;
  foundedOn?: Dayjs | null;
  leaderName?: string;
  leaderIdNumber?: string;
  leaderPhone?: string;
  individualMembers?: number | null;
  unitMembers?: number | null;
  purpose?: string;
  activities?: string;
  venue?: string;
}
export interface Values {
  org: OrgValues;
  members: MemberValue[];
  charter?: string;
  registrationType?: string | null;
  reason?: string;
}

export function valuesOf(app: Application): Values {
  const o = app.data.org;
  return {
    org: {
      name: o.name ?? '',
      legalForm: o.legalForm,
      category: o.category,
      regionCode: o.regionCode ?? null,
      address: o.address ?? '',
      foundedOn: o.foundedOn ? dayjs(o.foundedOn) : null,
      leaderName: o.leaderName ?? '',
      leaderIdNumber: o.leaderIdNumber ?? '',
      leaderPhone: o.leaderPhone ?? '',
      individualMembers: o.individualMembers ?? null,
      unitMembers: o.unitMembers ?? null,
      purpose: o.purpose ?? '',
      activities: o.activities ?? '',
      venue: o.venue ?? '',
    },
    members: app.data.members.map((m) => ({ name: m.name, kind: m.kind, phone: m.phone ?? null })),
    charter: app.data.charter ?? '',
    registrationType: app.data.registrationType ?? null,
    reason: app.data.reason ?? '',
  };
}

const text = (v: unknown) => {
  const s = typeof v === 'string' ? v.trim() : '';
  return s ? s : null;
};

/** The form as the API's ApplicationData; fields the form does not show (hub, credit code) keep their values. */
export function dataOf(v: Values, base: Application): ApplicationData {
  let org: Record<string, unknown> = { ...base.data.org };
  if (!isDeregistration(base.kind)) {
    const o = v.org ?? {};
    for (const k of TEXT_FIELDS) org[k] = text(o[k]);
    if (org.leaderIdNumber) org.leaderIdNumber = String(org.leaderIdNumber).toUpperCase();
    org.legalForm = o.legalForm;
    org.individualMembers = o.individualMembers ?? null;
    org.unitMembers = o.unitMembers ?? null;
    org.foundedOn = o.foundedOn ? o.foundedOn.format('YYYY-MM-DD') : null;
    for (const k of OMIT_WHEN_EMPTY) if (org[k] === null || org[k] === undefined) delete org[k];
  } else org = { ...base.data.org };
  return {
    org: org as ApplicationData['org'],
    members: (v.members ?? [])
      .map((m) => ({ name: (m.name ?? '').trim(), kind: m.kind ?? 'individual', phone: text(m.phone) }))
      .filter((m) => m.name),
    charter: text(v.charter),
    registrationType: (v.registrationType ?? null) as ApplicationData['registrationType'],
    reason: text(v.reason),
  };
}

/**
 * The model charter (章程范本) with what the form already says. It is a document the office files, so it is
 * Chinese in both languages of the interface; `street` is the name of the applicant's street (乡镇), if known.
 */
export function charterTemplate(o: OrgValues, street: string | undefined): string {
  const where = street ?? '所在街道（乡镇）';
  return [
    `第一条　本组织名称为${o.name || '＿＿＿＿'}。`,
    `第二条　本组织宗旨：${o.purpose || '＿＿＿＿'}`,
    `第三条　本组织的活动内容：${o.activities || '＿＿＿＿'}`,
    `第四条　本组织活动场所：${o.venue || '＿＿＿＿'}。`,
    `第五条　本组织负责人：${o.leaderName || '＿＿＿＿'}，由成员大会选举产生，每届任期三年。`,
    `第六条　本组织遵守宪法、法律、法规和国家政策，接受${where}和所在社区（村）的指导和管理。`,
    '第七条　成员入会自愿、退会自由，享有参加活动、提出建议和监督的权利。',
    '第八条　本组织不以营利为目的，经费来源于成员自愿捐赠、政府购买服务和社会资助，收支定期向成员公开。',
    '第九条　本组织的终止须经成员大会讨论通过，并向备案机关申请注销。',
    '第十条　本章程经成员大会表决通过之日起生效。',
  ].join('\n');
}

