import { z } from '../zod.js';
import { DateText, Paging, VersionNumber } from './common.js';

/**
 * Random inspection (双随机一公开; 《社会组织抽查暂行办法》民发〔2017〕45号; issue 14 item 4; migration 0023). The draw
 * itself is src/shared/inspection-draw.ts, shared with the browser's verification page.
 */
const Id = (label: string) => z.coerce.number().int().positive(`${label}编号无效`).max(Number.MAX_SAFE_INTEGER, `${label}编号无效`);
export const PlanIdParam = z.object({ id: Id('抽查计划') });
export const ItemIdParam = z.object({ id: Id('抽查事项') });

export const PLAN_KINDS = ['yearly', 'adhoc'] as const;
export const PLAN_KIND_LABELS: Record<(typeof PLAN_KINDS)[number], string> = { yearly: '年度定期抽查', adhoc: '不定期抽查' };
export const PLAN_STATUSES = ['draft', 'published', 'drawn'] as const;
export const PLAN_STATUS_LABELS: Record<(typeof PLAN_STATUSES)[number], string> = { draft: '草稿', published: '已公布种子', drawn: '已抽取' };

/** The areas of a check (民发〔2017〕45号 art. 6). */
export const CHECK_AREAS = ['annual_report', 'disclosure', 'governance', 'finances', 'activities'] as const;
export type CheckArea = (typeof CHECK_AREAS)[number];
export const CHECK_AREA_LABELS: Record<CheckArea, string> = {
  annual_report: '年度报告',
  disclosure: '信息公开',
  governance: '内部治理',
  finances: '财务状况',
  activities: '业务活动',
};
export const CHECK_MODES = ['written', 'on_site'] as const;
export const CHECK_MODE_LABELS: Record<(typeof CHECK_MODES)[number], string> = { written: '书面检查', on_site: '实地检查' };
export const CHECK_RESULTS = ['no_problem', 'problems'] as const;
export const CHECK_RESULT_LABELS: Record<(typeof CHECK_RESULTS)[number], string> = { no_problem: '未发现问题', problems: '发现问题' };
export const INSPECTOR_STATUSES = ['active', 'recused', 'declared'] as const;
export const INSPECTOR_STATUS_LABELS: Record<(typeof INSPECTOR_STATUSES)[number], string> = { active: '检查', recused: '回避（关联关系）', declared: '回避（本人申报）' };

export const PlanListQuery = z.object({
  region: z.string().regex(/^\d{6}$/, '请选择区县').optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  ...Paging,
});

export const PlanInput = z.object({
  kind: z.enum(PLAN_KINDS),
  year: z.number().int().min(2000, '年度无效').max(2100, '年度无效'),
  title: z.string().trim().min(1, '请填写计划名称').max(100, '计划名称不超过 100 个字'),
  purpose: z.string().trim().max(1000, '说明不超过 1000 个字').optional(),
  /** The ratio in percent; a yearly plan at least the rule's (inspection.ratio with the district's value). */
  percent: z.number().min(0.01, '比例无效').max(100, '比例不超过 100%').optional(),
  includeFiled: z.boolean().optional(),
  region: z.string().regex(/^\d{6}$/, '请选择区县').optional(),
});
export type PlanInput = z.infer<typeof PlanInput>;

export const VersionInput = z.object({ version: VersionNumber });

export const Inspector = z.object({
  userId: z.number().int(),
  name: z.string(),
  roleLabel: z.string(),
  status: z.enum(INSPECTOR_STATUSES),
  reason: z.string().nullable(),
  drawOrder: z.number().int(),
});

const ChecklistEntry = z.object({
  status: z.enum(['ok', 'problem', 'not_checked']),
  note: z.string().trim().max(1000, '说明不超过 1000 个字'),
});

export const InspectionItem = z
  .object({
    id: z.number().int(),
    planId: z.number().int(),
    planTitle: z.string(),
    orgId: z.number().int(),
    orgName: z.string(),
    stratum: z.string(),
    rankHash: z.string(),
    status: z.enum(['assigned', 'checked']),
    mode: z.enum(CHECK_MODES).nullable(),
    checklist: z.record(z.string(), ChecklistEntry).nullable(),
    result: z.enum(CHECK_RESULTS).nullable(),
    findings: z.string().nullable(),
    rectifyBy: z.string().nullable(),
    checkedOn: z.string().nullable(),
    publishBy: z.string().nullable(),
    publishedOn: z.string().nullable(),
    rectifiedOn: z.string().nullable(),
    rectifiedNote: z.string().nullable(),
    inspectors: z.array(Inspector),
    /** Whether the reader is an active inspector of it (may fill the checklist). */
    mine: z.boolean(),
    minInspectors: z.number().int(),
    basis: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'InspectionItem' });
export type InspectionItem = z.infer<typeof InspectionItem>;

export const PlanSummary = z.object({
  id: z.number().int(),
  kind: z.enum(PLAN_KINDS),
  year: z.number().int(),
  title: z.string(),
  districtName: z.string(),
  districtCode: z.string(),
  percent: z.number(),
  includeFiled: z.boolean(),
  status: z.enum(PLAN_STATUSES),
  publishedOn: z.string().nullable(),
  populationSize: z.number().int(),
  sampleSize: z.number().int(),
  checked: z.number().int(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;
export const PlanList = z.object({ items: z.array(PlanSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type PlanListResponse = z.infer<typeof PlanList>;

export const Stratum = z.object({ stratum: z.string(), streetName: z.string(), legalForm: z.string(), size: z.number().int(), quota: z.number().int() });

export const PlanDetail = PlanSummary.extend({
  purpose: z.string().nullable(),
  ratioBp: z.number().int(),
  minInspectors: z.number().int(),
  publishDays: z.number().int(),
  basis: z.string(),
  seed: z.string().nullable(),
  drawnAt: z.string().nullable(),
  /** Before publication: the population as it would be frozen today; after: as frozen. */
  strata: z.array(Stratum),
  total: z.number().int(),
  items: z.array(InspectionItem),
  version: z.number().int(),
}).meta({ id: 'InspectionPlan' });
export type PlanDetail = z.infer<typeof PlanDetail>;

export const MyItemList = z.object({ items: z.array(InspectionItem) });

export const ResultInput = z
  .object({
    version: VersionNumber,
    mode: z.enum(CHECK_MODES),
    checklist: z.object(Object.fromEntries(CHECK_AREAS.map((a) => [a, ChecklistEntry])) as Record<CheckArea, typeof ChecklistEntry>),
    result: z.enum(CHECK_RESULTS),
    findings: z.string().trim().max(2000, '问题说明不超过 2000 个字').optional(),
    rectifyBy: DateText.optional(),
  });
export type ResultInput = z.infer<typeof ResultInput>;

export const ConflictInput = z.object({ reason: z.string().trim().min(2, '请说明利害关系').max(500, '说明不超过 500 个字') });
export const RectificationInput = z.object({ version: VersionNumber, note: z.string().trim().min(2, '请写明整改核实情况').max(1000, '说明不超过 1000 个字') });

/** What anyone may recompute the draw from (no login): the plan's canonical fields, the population, the sample. */
export const PublicPlan = z
  .object({
    id: z.number().int(),
    title: z.string(),
    kind: z.enum(PLAN_KINDS),
    year: z.number().int(),
    districtCode: z.string(),
    districtName: z.string(),
    ratioBp: z.number().int(),
    includeFiled: z.boolean(),
    publishedOn: z.string(),
    seed: z.string(),
    basis: z.string(),
    status: z.enum(PLAN_STATUSES),
    population: z.array(z.object({ key: z.string(), stratum: z.string(), orgName: z.string(), streetName: z.string(), legalForm: z.string() })),
    /** Empty until drawn. */
    sample: z.array(z.object({ key: z.string(), stratum: z.string(), orgName: z.string(), rankHash: z.string() })),
    /** Results once published (within inspection.publish days of the check). */
    results: z.array(z.object({ orgId: z.number().int(), orgName: z.string(), result: z.enum(CHECK_RESULTS), checkedOn: z.string(), rectifyBy: z.string().nullable(), rectifiedOn: z.string().nullable(), publishedOn: z.string() })),
  })
  .meta({ id: 'PublicInspectionPlan' });
export type PublicPlan = z.infer<typeof PublicPlan>;
export const PublicPlanList = z.object({
  items: z.array(z.object({ id: z.number().int(), title: z.string(), year: z.number().int(), districtName: z.string(), publishedOn: z.string(), status: z.enum(PLAN_STATUSES), sampleSize: z.number().int() })),
});
export type PublicPlanListResponse = z.infer<typeof PublicPlanList>;
export const PublicPlanListQuery = z.object({ region: z.string().regex(/^\d{6}$/, '请选择区县').optional() });
