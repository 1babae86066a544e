import { z } from '../zod.js';
import { LEGAL_FORMS, REVIEW_DECISIONS, REVIEW_STEPS, type LegalForm } from '../enums.js';
import { CodeText, DateText, Paging, PhoneText, RegionRef, SearchText, VersionNumber } from './common.js';
import { FenAmount } from './money.js';
import { ApplicationEvent } from './applications.js';

/**
 * Annual reports and inspection (年报/年检, issue 13 items 4 and 5; DESIGN §4). One report per organization and
 * reporting year. Registered forms (社会团体、社会服务机构、基金会) go to annual inspection at the district
 * (社会团体登记管理条例 art. 28, 民办非企业单位登记管理暂行条例 art. 23, 基金会管理条例 art. 36); filed community
 * organizations file a yearly report reviewed by their community and street. Both end in one of three conclusions.
 * Grassroots groups (草根, not filed) owe no report: they are on no register, so no office inspects them.
 *
 * Drafts are saved section by section: every field is nullable (null = not filled in yet) and the checks list what
 * is still missing before submission. Money is in fen (FenAmount), never yuan.
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

// ---- Inputs ----
const RegionCode = z.string().regex(/^[0-9]{2,15}$/, '区划代码为 2–15 位数字');
export const ReportYear = z.coerce.number({ error: '年度须为四位年份' }).int('年度须为四位年份').min(2000, '年度不早于 2000 年').max(2100, '年度不晚于 2100 年');

export const AnnualReportIdParam = z.object({ id: z.coerce.number().int().positive('年报编号无效').max(2_147_483_647, '年报编号无效') });

export const AnnualReportListQuery = z.strictObject({
  year: ReportYear.optional(),
  region: RegionCode.optional(),
  status: z.enum(ANNUAL_REPORT_STATUSES, { error: '没有这种年报状态' }).optional(),
  conclusion: z.enum(CONCLUSIONS, { error: '年检结论为 pass、basic_pass 或 fail' }).optional(),
  org: z.coerce.number().int().positive('组织编号无效').max(2_147_483_647, '组织编号无效').optional(),
  q: SearchText.optional(),
  ...Paging,
});
export type AnnualReportListQuery = z.infer<typeof AnnualReportListQuery>;

/**
 * A new report: for one organization and year. Sections left out are prefilled from the organization's record and
 * its ledger (basic facts, the activity count, last year's members); the rest start empty.
 */
export const AnnualReportCreateBody = z.strictObject({
  orgId: z.number({ error: '请选择组织' }).int().positive('组织编号无效').max(2_147_483_647, '组织编号无效'),
  year: z.number({ error: '请填写年度' }).int('年度须为四位年份').min(2000, '年度不早于 2000 年').max(2100, '年度不晚于 2100 年'),
});
export type AnnualReportCreateBody = z.infer<typeof AnnualReportCreateBody>;

/**
 * A draft saved: whole sections replace the stored ones (a section left out is kept). Validated by the report's
 * form (AnnualReportSections[form]); a masked ID number or phone sent back keeps the sealed value.
 */
export const AnnualReportUpdateBody = z.strictObject({
  version: VersionNumber,
  sections: z.partialRecord(z.enum(SECTION_KEYS, { error: '没有这个年报栏目' }), z.unknown()),
});
export type AnnualReportUpdateBody = z.infer<typeof AnnualReportUpdateBody>;

export const AnnualReportSubmitBody = z.strictObject({ version: VersionNumber });
export type AnnualReportSubmitBody = z.infer<typeof AnnualReportSubmitBody>;

/**
 * A decision on a report (the reviewer's step of the chain): approve, return for correction (with a reason) or
 * reject. The approval at the last step (the district's inspection; the street's review of a filed organization)
 * carries the conclusion and the opinion; a return opens the correction window.
 */
export const AnnualReportReviewBody = z.strictObject({
  decision: z.enum(REVIEW_DECISIONS, { error: '请选择审核结论（同意、退回补正或不予通过）' }),
  conclusion: z.enum(CONCLUSIONS, { error: '请选择年检结论（合格、基本合格或不合格）' }).optional(),
  opinion: z.string().trim().max(1000, '意见不超过 1000 字').optional(),
  version: VersionNumber.optional(),
});
export type AnnualReportReviewBody = z.infer<typeof AnnualReportReviewBody>;

export const AnnualReportWithdrawBody = z.strictObject({ reason: z.string().trim().max(500, '原因不超过 500 字').optional() });

// ---- Checks (before submission; also answered by GET and PATCH) ----
export const AnnualReportCheck = z
  .object({
    code: z.string(),
    /** error: blocks submission; warning: shown to the filer and the reviewer, does not block. */
    level: z.enum(['error', 'warning']),
    /** The field it concerns, as a dotted path into the sections (`finances.incomeTotal`); null = the whole report. */
    field: z.string().nullable(),
    message: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  })
  .meta({ id: 'AnnualReportCheck' });
export type AnnualReportCheck = z.infer<typeof AnnualReportCheck>;
export const AnnualReportChecks = z.object({ items: z.array(AnnualReportCheck), canSubmit: z.boolean() });
export type AnnualReportChecks = z.infer<typeof AnnualReportChecks>;

// ---- Year-over-year diff (for the reviewer) ----
export const AnnualReportDiffEntry = z.object({
  /** Dotted path into the sections (`finances.assets`). */
  field: z.string(),
  label: z.string(),
  lastYear: z.number().nullable(),
  thisYear: z.number().nullable(),
  /** (this − last) / last × 100, two decimals; null when last year is missing or zero. */
  changePercent: z.number().nullable(),
  /** Beyond the district's largeChangePercent. */
  large: z.boolean(),
  /** fen | count: how to show the numbers. */
  unit: z.enum(['fen', 'count']),
});
export type AnnualReportDiffEntry = z.infer<typeof AnnualReportDiffEntry>;
export const AnnualReportDiff = z.object({
  year: z.number().int(),
  /** Last year's report, when there is one. */
  lastYearReportId: z.number().int().nullable(),
  largeChangePercent: z.number().int(),
  items: z.array(AnnualReportDiffEntry),
});
export type AnnualReportDiff = z.infer<typeof AnnualReportDiff>;

// ---- Answers ----
const Person = z.object({ id: z.number().int(), displayName: z.string() });
export const AnnualReportScan = z.object({
  filename: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.string(),
});

export const AnnualReportListItem = z
  .object({
    id: z.number().int(),
    org: z.object({ id: z.number().int(), name: z.string(), creditCode: z.string().nullable() }),
    year: z.number().int(),
    /** The form at filing (the organization may register later; its report stays of the form it was filed as). */
    legalForm: z.enum(REPORTING_FORMS),
    region: RegionRef,
    regionPath: z.string(),
    status: z.enum(ANNUAL_REPORT_STATUSES),
    dueOn: z.string(),
    submittedAt: z.string().nullable(),
    /** Submitted on or before dueOn; null until submitted. */
    onTime: z.boolean().nullable(),
    /** After a return: the last day to resubmit (correctionWorkingDays working days). */
    correctionDueOn: z.string().nullable(),
    /** The latest resubmission came after correctionDueOn. */
    lateCorrection: z.boolean(),
    conclusion: z.enum(CONCLUSIONS).nullable(),
    concludedAt: z.string().nullable(),
    /** The review step the report waits at (null when not in review). */
    currentStep: z.enum(REVIEW_STEPS).nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'AnnualReportListItem' });
export type AnnualReportListItem = z.infer<typeof AnnualReportListItem>;
export const AnnualReportListResponse = z.object({ items: z.array(AnnualReportListItem), total: z.number().int() });
export type AnnualReportListResponse = z.infer<typeof AnnualReportListResponse>;

/** One step of the report's review trail: the chain's events, in the shape every subject's page shows them. */
export const AnnualReportEvent = ApplicationEvent;

export const AnnualReport = AnnualReportListItem.extend({
  /** The sections of the report's form; ID numbers and phones masked. */
  sections: z.record(z.string(), z.unknown()),
  sectionKeys: z.array(z.enum(SECTION_KEYS)),
  opinion: z.string().nullable(),
  concludedBy: Person.nullable(),
  declarationScan: AnnualReportScan.nullable(),
  /** The ledger's count of the organization's activities in the year (the activities section is checked against it). */
  ledgerActivityCount: z.number().int(),
  /** From governance.lastElectionOn + termYears: an election (换届) falls due by the end of the reporting year. */
  electionDue: z.boolean().nullable(),
  review: z
    .object({
      caseId: z.number().int(),
      status: z.string(),
      steps: z.array(z.enum(REVIEW_STEPS)),
      currentStep: z.enum(REVIEW_STEPS).nullable(),
      stepDueOn: z.string().nullable(),
    })
    .nullable(),
  events: z.array(AnnualReportEvent),
  checks: z.array(AnnualReportCheck),
  /** What the signed-in user may do now. */
  can: z.object({ edit: z.boolean(), submit: z.boolean(), withdraw: z.boolean(), review: z.boolean(), conclude: z.boolean() }),
  createdAt: z.string(),
}).meta({ id: 'AnnualReport' });
export type AnnualReport = z.infer<typeof AnnualReport>;

/** What an organization owes for a year: due or exempt (with the rule), the due date, its report if any. */
export const ObligationQuery = z.strictObject({
  org: z.coerce.number().int().positive('组织编号无效').max(2_147_483_647, '组织编号无效'),
  year: ReportYear,
});
export const EXEMPTION_CODES = ['not_reporting_form', 'not_in_operation', 'social_service_new', 'social_group_new'] as const;
export type ExemptionCode = (typeof EXEMPTION_CODES)[number];
export const Obligation = z.object({
  orgId: z.number().int(),
  year: z.number().int(),
  due: z.boolean(),
  dueOn: z.string().nullable(),
  exemption: z.object({ code: z.enum(EXEMPTION_CODES), reason: z.string(), source: z.string() }).nullable(),
  reportId: z.number().int().nullable(),
});
export type Obligation = z.infer<typeof Obligation>;

// ---- Rates per node (item 5) ----
export const RatesQuery = z.strictObject({
  region: RegionCode.optional(),
  /** The reporting year; default: last year (reports of year Y are filed in Y + 1). */
  year: ReportYear.optional(),
  /** Count what had happened by the end of this day (China time); default today. */
  asOf: DateText.optional(),
});
export type RatesQuery = z.infer<typeof RatesQuery>;

export const RateFigures = z.object({
  /** Organizations that owe a report (in operation, a reporting form, not exempt). */
  due: z.number().int(),
  submitted: z.number().int(),
  onTime: z.number().int(),
  concluded: z.number().int(),
  passed: z.number().int(),
  basicPassed: z.number().int(),
  failed: z.number().int(),
  /** Due and not submitted as of the date. */
  missing: z.number().int(),
  /** Percentages with two decimals; null when the denominator is 0. */
  reportRate: z.number().nullable(),
  inspectionRate: z.number().nullable(),
  passRate: z.number().nullable(),
});
export type RateFigures = z.infer<typeof RateFigures>;
export const RateNode = z.object({ region: RegionRef, figures: RateFigures });
export const RatesResponse = z
  .object({
    year: z.number().int(),
    asOf: z.string(),
    node: RateNode,
    /** Per child node; organizations placed at the node itself are one more row (own: true). */
    children: z.array(RateNode.extend({ own: z.boolean() })),
  })
  .meta({ id: 'AnnualReportRates' });
export type RatesResponse = z.infer<typeof RatesResponse>;

export const RATE_FIGURES = ['due', 'submitted', 'concluded', 'passed', 'missing'] as const;
export type RateFigure = (typeof RATE_FIGURES)[number];
export const RateOrgsQuery = RatesQuery.extend({
  figure: z.enum(RATE_FIGURES, { error: '指标为 due、submitted、concluded、passed 或 missing' }),
  ...Paging,
});
export type RateOrgsQuery = z.infer<typeof RateOrgsQuery>;
export const RateOrg = z.object({
  id: z.number().int(),
  name: z.string(),
  legalForm: z.enum(LEGAL_FORMS),
  region: RegionRef,
  regionPath: z.string(),
  dueOn: z.string(),
  reportId: z.number().int().nullable(),
  status: z.enum(ANNUAL_REPORT_STATUSES).nullable(),
  submittedAt: z.string().nullable(),
  onTime: z.boolean().nullable(),
  conclusion: z.enum(CONCLUSIONS).nullable(),
});
export type RateOrg = z.infer<typeof RateOrg>;
export const RateOrgsResponse = z.object({ items: z.array(RateOrg), total: z.number().int() });
export type RateOrgsResponse = z.infer<typeof RateOrgsResponse>;

// ---- Public register: each year's conclusion ----
export const PublicAnnualReport = z.object({
  year: z.number().int(),
  kind: z.enum(['inspection', 'report']),
  conclusion: z.enum(CONCLUSIONS),
  conclusionLabel: z.string(),
  concludedAt: z.string(),
});
export const PublicAnnualReportList = z.object({ items: z.array(PublicAnnualReport) }).meta({ id: 'PublicAnnualReportList' });
export type PublicAnnualReportList = z.infer<typeof PublicAnnualReportList>;

/** The scan of the signed declaration page (声明签章页): PDF, JPEG or PNG, checked by content. */
export const DECLARATION_SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const DECLARATION_SCAN_MAX_BYTES = 10 * 1024 * 1024;

export const isReportingForm = (f: string): f is ReportingForm => (REPORTING_FORMS as readonly string[]).includes(f);
export { LEGAL_FORMS };

/**
 * The fields a submission needs, per legal form where it differs (a social service organization or a foundation has
 * no individual members to count). The server's checks and the form's required marks both read this list.
 */
export const REQUIRED_REPORT_FIELDS: readonly { path: string; label: string; forms?: readonly ReportingForm[] }[] = [
  { path: 'basic.name', label: '组织名称' },
  { path: 'basic.leaderName', label: '负责人（法定代表人）' },
  { path: 'basic.address', label: '住所' },
  { path: 'activities.claimedCount', label: '全年开展活动次数' },
  { path: 'activities.summary', label: '业务活动情况概述' },
  { path: 'finances.incomeTotal', label: '本年收入合计' },
  { path: 'finances.expenseTotal', label: '本年费用合计' },
  { path: 'finances.assets', label: '资产总计' },
  { path: 'finances.liabilities', label: '负债合计' },
  { path: 'finances.netAssets', label: '净资产合计' },
  { path: 'members.individual', label: '个人会员（成员）数', forms: ['social_group', 'filed'] },
  { path: 'governance.electionHeldThisYear', label: '本年是否换届' },
  { path: 'declaration.signerName', label: '签字人' },
  { path: 'declaration.signedOn', label: '签署日期' },
];

export const requiredReportFieldsOf = (form: ReportingForm) => REQUIRED_REPORT_FIELDS.filter((r) => !r.forms || r.forms.includes(form));
