import { z } from '../zod.js';
import type { LegalForm } from '../enums.js';
import { CodeText, DateText, PhoneText } from './common.js';
import { FenAmount } from './money.js';

/**
 * Annual reports and inspection (年报/年检, issue 13 items 4 and 5; DESIGN §4). One report per organization and
 * reporting year. Registered forms (社会团体、社会服务机构、基金会) go to annual inspection at the district
 * (社会团体登记管理条例 art. 28, 民办非企业单位登记管理暂行条例 art. 23, 基金会管理条例 art. 36); filed community
 * organizations file a yearly report reviewed by their community and street. Both end in one of three conclusions.
 * Grassroots groups (草根, not filed) owe no report: they are on no register, so no office inspects them.
 *
 * Drafts are saved section by section: every field is nullable (null = not filled in yet) and the checks list what
 * is still missing before submission. Money is in fen (FenAmount), never yuan.
 *
 * This file: the forms, statuses, conclusions and the report's sections per legal form. The routes' inputs and
 * answers are in annual-reports.ts, which re-exports these.
 */

/** The forms that owe a report; grassroots groups do not (no register, no registration authority). */
export const REPORTING_FORMS = ['social_group', 'social_service', 'foundation', 'filed'] as const satisfies readonly LegalForm[];
export type ReportingForm = (typeof REPORTING_FORMS)[number];

export const ANNUAL_REPORT_STATUSES = ['draft', 'submitted', 'returned', 'concluded'] as const;
export type AnnualReportStatus = (typeof ANNUAL_REPORT_STATUSES)[number];
export const ANNUAL_REPORT_STATUS_LABELS: Record<AnnualReportStatus, string> = {
  draft: '草稿',
  submitted: '审核中',
  returned: '退回补正',
  concluded: '已出结论',
};

/** The three conclusions of an inspection (年检结论) and of a filed organization's yearly review alike. */
export const CONCLUSIONS = ['pass', 'basic_pass', 'fail'] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];
export const CONCLUSION_LABELS: Record<Conclusion, string> = { pass: '合格', basic_pass: '基本合格', fail: '不合格' };

/** Registered forms are inspected (年检); filed ones report (年报). */
export const REPORT_KIND_LABELS: Record<ReportingForm, string> = {
  social_group: '社会团体年度检查报告书',
  social_service: '社会服务机构年度检查报告书',
  foundation: '基金会年度工作报告',
  filed: '社区社会组织年度报告',
};

const text = (label: string, max = 200) => z.string({ error: `${label}须为文字` }).trim().max(max, `${label}不超过 ${max} 个字`).nullable().default(null);
const count = (label: string) =>
  z.number({ error: `${label}须为整数` }).int(`${label}须为整数`).min(0, `${label}不能为负数`).max(10_000_000, `${label}过大`).nullable().default(null);
const fen = (label: string) => FenAmount(label).nullable().default(null);
const date = (label: string) => DateText.nullable().default(null).describe(label);

// ---- 1. Basic facts (基本情况) ----
export const BasicSection = z.strictObject({
  name: text('组织名称', 100),
  creditCode: CodeText.pipe(z.string().max(18, '统一社会信用代码为 18 位')).nullable().default(null),
  address: text('住所', 200),
  /** 业务主管单位 / 业务指导单位 (none for directly registered organizations). */
  supervisingUnit: text('业务主管（指导）单位', 100),
  leaderName: text('负责人（法定代表人）', 50),
  /** Sealed at rest (PERSONAL_JSON_KEYS leaderPhone), answered masked. */
  leaderPhone: PhoneText.nullable().default(null),
  foundedOn: date('成立日期'),
  staffCount: count('专职工作人员数'),
  venue: text('活动场所', 200),
});
export type BasicSection = z.infer<typeof BasicSection>;

// ---- 2. Activities (业务活动情况): the count prefilled from the ledger (台账) ----
export const ActivitiesSection = z.strictObject({
  /** Activities the organization states it held in the year; checked against the ledger (a warning when they differ). */
  claimedCount: count('全年开展活动次数'),
  participants: count('参与人次'),
  volunteerHours: count('志愿服务时长（小时）'),
  summary: text('业务活动情况概述', 3000),
});
export type ActivitiesSection = z.infer<typeof ActivitiesSection>;

// ---- 3. Finances (财务状况), in fen ----
/** Income categories per legal form (民间非营利组织会计制度 income items; a filed group keeps a simple account). */
export const INCOME_CATEGORIES = ['membershipFees', 'donations', 'governmentGrants', 'serviceIncome', 'investmentIncome', 'otherIncome'] as const;
export type IncomeCategory = (typeof INCOME_CATEGORIES)[number];
export const INCOME_CATEGORY_LABELS: Record<IncomeCategory, string> = {
  membershipFees: '会费收入',
  donations: '捐赠收入',
  governmentGrants: '政府补助收入',
  serviceIncome: '提供服务收入',
  investmentIncome: '投资收益',
  otherIncome: '其他收入',
};
export const INCOME_CATEGORIES_BY_FORM: Record<ReportingForm, readonly IncomeCategory[]> = {
  social_group: ['membershipFees', 'donations', 'governmentGrants', 'serviceIncome', 'investmentIncome', 'otherIncome'],
  social_service: ['donations', 'governmentGrants', 'serviceIncome', 'investmentIncome', 'otherIncome'],
  foundation: ['donations', 'governmentGrants', 'investmentIncome', 'otherIncome'],
  filed: ['membershipFees', 'donations', 'governmentGrants', 'otherIncome'],
};
export const EXPENSE_CATEGORIES = ['programs', 'admin', 'fundraising', 'otherExpense'] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];
export const EXPENSE_CATEGORY_LABELS: Record<ExpenseCategory, string> = {
  programs: '业务活动成本',
  admin: '管理费用',
  fundraising: '筹资费用',
  otherExpense: '其他费用',
};
export const EXPENSE_CATEGORIES_BY_FORM: Record<ReportingForm, readonly ExpenseCategory[]> = {
  social_group: ['programs', 'admin', 'fundraising', 'otherExpense'],
  social_service: ['programs', 'admin', 'otherExpense'],
  foundation: ['programs', 'admin', 'fundraising', 'otherExpense'],
  filed: ['programs', 'admin', 'otherExpense'],
};

const byCategory = <K extends string>(keys: readonly K[], labels: Record<K, string>) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, fen(labels[k])])) as Record<K, ReturnType<typeof fen>>).default(
    Object.fromEntries(keys.map((k) => [k, null])) as never,
  );

const financesFor = (form: ReportingForm) =>
  z.strictObject({
    income: byCategory(INCOME_CATEGORIES_BY_FORM[form], INCOME_CATEGORY_LABELS),
    incomeTotal: fen('本年收入合计'),
    expenses: byCategory(EXPENSE_CATEGORIES_BY_FORM[form], EXPENSE_CATEGORY_LABELS),
    expenseTotal: fen('本年费用合计'),
    /** Year-end balance sheet (资产负债表): assets − liabilities = net assets. */
    assets: fen('资产总计'),
    liabilities: fen('负债合计'),
    /** May be negative (资不抵债: liabilities beyond assets), the one signed amount; warned about in the checks. */
    netAssets: z
      .number({ error: '净资产合计须为数字' })
      .int('净资产合计须精确到分（以分为单位的整数）')
      .min(-999_999_999_999_999, '净资产合计过小')
      .max(999_999_999_999_999, '净资产合计过大')
      .nullable()
      .default(null),
  });
export const FinancesSections = {
  social_group: financesFor('social_group'),
  social_service: financesFor('social_service'),
  foundation: financesFor('foundation'),
  filed: financesFor('filed'),
} as const;
export type FinancesSection = z.infer<(typeof FinancesSections)['social_group']>;

// ---- 4. Members (会员/成员情况): counts and the change in the year; a foundation has no members ----
export const MembersSection = z.strictObject({
  individual: count('个人会员（成员）数'),
  unit: count('单位会员数'),
  joined: count('本年新增'),
  left: count('本年减少'),
});
export type MembersSection = z.infer<typeof MembersSection>;

// ---- 5. Leader and council (负责人、理事会变动; 换届) ----
export const LeaderChange = z.strictObject({
  role: z.string({ error: '请填写职务' }).trim().min(1, '请填写职务').max(30, '职务不超过 30 个字'),
  formerName: text('原任', 50),
  newName: z.string({ error: '请填写新任人员' }).trim().min(1, '请填写新任人员').max(50, '姓名不超过 50 个字'),
  /** The new leader's ID number and phone: sealed at rest (PERSONAL_JSON_KEYS idNumber/phone), answered masked. */
  idNumber: CodeText.pipe(z.string().max(18, '身份证号为 18 位')).nullable().default(null),
  phone: PhoneText.nullable().default(null),
  changedOn: date('变更日期'),
});
export type LeaderChange = z.infer<typeof LeaderChange>;
export const GovernanceSection = z.strictObject({
  leaderChanges: z.array(LeaderChange).max(50, '最多 50 条变动').default([]),
  councilMeetings: count('全年召开理事会次数'),
  memberAssemblies: count('全年召开会员（代表）大会次数'),
  /** The last election (换届) and the term in years (章程): the server derives whether one is due (electionDue). */
  lastElectionOn: date('上次换届日期'),
  termYears: z.number({ error: '届期须为整数' }).int('届期须为整数').min(1, '届期至少 1 年').max(10, '届期不超过 10 年').nullable().default(null),
  electionHeldThisYear: z.boolean({ error: '请选择本年是否换届' }).nullable().default(null),
});
export type GovernanceSection = z.infer<typeof GovernanceSection>;

// ---- 6. Party organization (党组织情况): empty until party data exists (a later issue prefills it) ----
export const PARTY_FORMS = ['own_branch', 'joint_branch', 'instructor', 'liaison', 'none'] as const;
export const PARTY_FORM_LABELS: Record<(typeof PARTY_FORMS)[number], string> = {
  own_branch: '单独建立党组织',
  joint_branch: '联合建立党组织',
  instructor: '选派党建指导员',
  liaison: '党建联络员',
  none: '尚未建立',
};
/** Filled in by hand today; prefilled once party-building data exists in the platform (a later issue). */
export const PartySection = z.strictObject({
  form: z.enum(PARTY_FORMS, { error: '请选择党组织建设情况' }).nullable().default(null),
  fullMembers: count('正式党员人数'),
  note: text('党建工作说明', 1000),
});
export type PartySection = z.infer<typeof PartySection>;

// ---- 7. Funding received (接受资助情况): empty until funding data exists (a later issue prefills it) ----
export const FundingItem = z.strictObject({
  source: z.string({ error: '请填写资助来源' }).trim().min(1, '请填写资助来源').max(100, '资助来源不超过 100 个字'),
  project: text('项目名称', 100),
  amountFen: FenAmount('资助金额'),
});
/** Filled in by hand today; prefilled once the funding module (福彩公益金, 公益创投) records grants (a later issue). */
export const FundingSection = z.strictObject({
  items: z.array(FundingItem).max(50, '最多 50 项').default([]),
});
export type FundingSection = z.infer<typeof FundingSection>;

// ---- 8. Declaration (声明签章页): who signs; the signed page itself is an uploaded scan ----
export const DeclarationSection = z.strictObject({
  signerName: text('签字人', 50),
  signedOn: date('签署日期'),
});
export type DeclarationSection = z.infer<typeof DeclarationSection>;

export const SECTION_KEYS = ['basic', 'activities', 'finances', 'members', 'governance', 'party', 'funding', 'declaration'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];
export const SECTION_LABELS: Record<SectionKey, string> = {
  basic: '基本情况',
  activities: '业务活动情况',
  finances: '财务状况',
  members: '会员（成员）情况',
  governance: '负责人及理事会变动',
  party: '党组织情况',
  funding: '接受资助情况',
  declaration: '声明签章',
};
/** Which sections each form's report has (a foundation has no members). */
export const SECTIONS_BY_FORM: Record<ReportingForm, readonly SectionKey[]> = {
  social_group: ['basic', 'activities', 'finances', 'members', 'governance', 'party', 'funding', 'declaration'],
  social_service: ['basic', 'activities', 'finances', 'members', 'governance', 'party', 'funding', 'declaration'],
  foundation: ['basic', 'activities', 'finances', 'governance', 'party', 'funding', 'declaration'],
  filed: ['basic', 'activities', 'finances', 'members', 'governance', 'party', 'funding', 'declaration'],
};

const sectionsFor = (form: ReportingForm) => {
  const all = {
    basic: BasicSection.default(BasicSection.parse({})),
    activities: ActivitiesSection.default(ActivitiesSection.parse({})),
    finances: FinancesSections[form].default(FinancesSections[form].parse({ income: undefined, expenses: undefined })),
    members: MembersSection.default(MembersSection.parse({})),
    governance: GovernanceSection.default(GovernanceSection.parse({})),
    party: PartySection.default(PartySection.parse({})),
    funding: FundingSection.default(FundingSection.parse({})),
    declaration: DeclarationSection.default(DeclarationSection.parse({})),
  };
  return z.strictObject(Object.fromEntries(SECTIONS_BY_FORM[form].map((k) => [k, all[k]])) as Pick<typeof all, SectionKey>);
};
/**
 * The whole report per form: what is stored in annual_reports.sections (leader ID numbers and phones sealed). Parse
 * with the report's form; missing sections and fields come out as their empty defaults.
 */
export const AnnualReportSections = {
  social_group: sectionsFor('social_group'),
  social_service: sectionsFor('social_service'),
  foundation: sectionsFor('foundation'),
  filed: sectionsFor('filed'),
} as const;
/** The union of every form's sections (a foundation's lacks members). */
export type AnnualReportSections = {
  basic: BasicSection;
  activities: ActivitiesSection;
  finances: FinancesSection & { income: Partial<Record<IncomeCategory, number | null>>; expenses: Partial<Record<ExpenseCategory, number | null>> };
  members?: MembersSection;
  governance: GovernanceSection;
  party: PartySection;
  funding: FundingSection;
  declaration: DeclarationSection;
};
