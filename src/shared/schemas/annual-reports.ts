import { z } from '../zod.js';
import { LEGAL_FORMS, REVIEW_DECISIONS, REVIEW_STEPS } from '../enums.js';
import { DateText, Paging, RegionRef, SearchText, VersionNumber } from './common.js';
import { ApplicationEvent } from './applications.js';
import {
  ANNUAL_REPORT_STATUSES,
  CONCLUSIONS,
  REPORTING_FORMS,
  SECTION_KEYS,
  type ReportingForm,
} from './annual-report-sections.js';

// Annual reports (年报/年检): the routes' inputs and answers. The sections per legal form are in
// annual-report-sections.ts, re-exported here so callers import one module.
export * from './annual-report-sections.js';

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
