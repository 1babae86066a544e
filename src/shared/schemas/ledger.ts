import { z } from '../zod.js';
import { DateText, Paging, RegionRef, VersionNumber } from './common.js';
import { ActivityFields } from './activities.js';
import { OrgHistoryEntry } from './orgs.js';

/**
 * The activity ledger's answers (台账, issue 13 items 1 and 2): one activity with its photos and sign-in sheet, an
 * organization's timeline, the edit history, the totals per node / month / type, and dormancy.
 */
const Id = (label: string) => z.coerce.number().int().positive(`${label}编号无效`).max(Number.MAX_SAFE_INTEGER, `${label}编号无效`);

export const ActivityIdParam = z.object({ id: Id('活动') });
export const ActivityFileParams = z.object({ id: Id('活动'), fileId: Id('文件') });
export const ActivityPhotoQuery = z.object({ size: z.enum(['full', 'thumb']).default('full') });

export const ENTERED_AS = ['leader', 'community', 'hub', 'street', 'district', 'import'] as const;
export type EnteredAs = (typeof ENTERED_AS)[number];
export const ENTERED_AS_LABELS: Record<EnteredAs, string> = {
  leader: '组织负责人',
  community: '社区',
  hub: '枢纽型社会组织',
  street: '街道',
  district: '区县',
  import: '批量导入',
};

/** Photos per activity (issue 13 item 1: up to 9). */
export const MAX_ACTIVITY_PHOTOS = 9;

export const ActivityFile = z
  .object({
    id: z.number().int(),
    kind: z.enum(['photo', 'signin']),
    filename: z.string(),
    mimeType: z.string(),
    sizeBytes: z.number().int(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    uploadedAt: z.string(),
  })
  .meta({ id: 'ActivityFile' });
export type ActivityFile = z.infer<typeof ActivityFile>;
export const ActivityFileList = z.object({ items: z.array(ActivityFile) });

export const Activity = z
  .object({
    id: z.number().int(),
    orgId: z.number().int(),
    orgName: z.string(),
    region: z.object({ code: z.string(), name: z.string() }),
    startsAt: z.string(),
    endsAt: z.string(),
    heldOn: z.string(),
    title: z.string(),
    activityType: z.string(),
    place: z.string(),
    participants: z.number().int(),
    beneficiaries: z.number().int(),
    volunteers: z.number().int(),
    volunteerMinutes: z.number().int(),
    amountFen: z.number().int(),
    foreignRelated: z.boolean(),
    description: z.string().nullable(),
    enteredBy: z.string().nullable(),
    enteredAs: z.enum(ENTERED_AS),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    photos: z.array(ActivityFile),
    signin: ActivityFile.nullable(),
    /** Whether the reader may edit it, and delete it (its author or the community staff: lib/access.ts). */
    canEdit: z.boolean(),
    canDelete: z.boolean(),
  })
  .meta({ id: 'Activity' });
export type Activity = z.infer<typeof Activity>;

export const ActivityListQuery = z.object({
  ...Paging,
  from: DateText.optional(),
  to: DateText.optional(),
  type: z.string().trim().max(30).optional(),
});
export type ActivityListQuery = z.infer<typeof ActivityListQuery>;
export const ActivityListResponse = z.object({ items: z.array(Activity), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type ActivityListResponse = z.infer<typeof ActivityListResponse>;

/** An edit: the fields changed, the version the editor saw, and optionally why. */
const F = ActivityFields.shape;
// The defaults of a new activity would overwrite stored values in an edit: each field is optional as it is.
export const ActivityPatchBody = ActivityFields.extend({
  beneficiaries: F.beneficiaries.unwrap(),
  volunteers: F.volunteers.unwrap(),
  volunteerMinutes: F.volunteerMinutes.unwrap(),
  amountFen: F.amountFen.unwrap(),
  foreignRelated: F.foreignRelated.unwrap(),
  description: F.description.unwrap(),
}).partial().extend({
  version: VersionNumber,
  reason: z.string().trim().max(200, '修改原因不超过 200 个字').optional(),
});
export type ActivityPatchBody = z.infer<typeof ActivityPatchBody>;

export const ActivityDeleteBody = z.strictObject({
  reason: z.string({ error: '请填写删除原因' }).trim().min(1, '请填写删除原因').max(200, '删除原因不超过 200 个字'),
});

/** An entry of activity_history: the shape of the organization's history entries. */
export const ActivityHistoryEntry = OrgHistoryEntry.omit({ id: true });
export const ActivityHistoryResponse = z.object({ items: z.array(ActivityHistoryEntry) });
export type ActivityHistoryResponse = z.infer<typeof ActivityHistoryResponse>;
export type ActivityHistoryEntry = z.infer<typeof ActivityHistoryEntry>;

/** Field labels of the history and of messages. */
export const ACTIVITY_FIELD_LABELS: Record<string, string> = {
  startsAt: '开始时间',
  endsAt: '结束时间',
  title: '活动名称',
  activityType: '活动类型',
  place: '活动地点',
  participants: '参与人数',
  beneficiaries: '受益人数',
  volunteers: '志愿者人数',
  volunteerMinutes: '志愿服务时长（分钟）',
  amountFen: '涉及金额（分）',
  foreignRelated: '是否涉外',
  description: '活动简介',
  photos: '照片',
  signin: '签到表',
};

/** The entry page's organization picker: the organizations the reader may enter activities for. */
export const WritableOrgsQuery = z.object({ q: z.string().trim().max(50, '搜索内容不超过 50 个字').optional() });
export const WritableOrgsResponse = z.object({
  items: z.array(z.object({ id: z.number().int(), name: z.string(), region: z.object({ code: z.string(), name: z.string() }), lastActivityOn: z.string().nullable(), districtId: z.number().int().nullable() })),
  /** The activity types of each district of these organizations (`ledger.activityTypes`), by district id. */
  activityTypes: z.record(z.string(), z.array(z.string())),
});
export type WritableOrgsResponse = z.infer<typeof WritableOrgsResponse>;

// ---- Totals per node, month and type ----

export const LedgerTotals = z.object({
  activities: z.number().int(),
  participants: z.number().int(),
  beneficiaries: z.number().int(),
  volunteers: z.number().int(),
  volunteerMinutes: z.number().int(),
});
export type LedgerTotals = z.infer<typeof LedgerTotals>;

export const LedgerQuery = z.object({
  region: z.string().trim().regex(/^\d{2,15}$/, '区划代码应为数字').optional(),
  from: DateText.optional(),
  to: DateText.optional(),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;

const MonthTotals = LedgerTotals.extend({ month: z.string() });
const TypeTotals = LedgerTotals.extend({ type: z.string() });

export const LedgerNode = z.object({
  /** null = the node's own row: organizations placed at the node itself, not under a child. */
  region: RegionRef.nullable(),
  total: LedgerTotals,
  byMonth: z.array(MonthTotals),
  byType: z.array(TypeTotals),
});
export type LedgerNode = z.infer<typeof LedgerNode>;

export const LedgerResponse = z
  .object({
    region: RegionRef,
    from: z.string(),
    to: z.string(),
    months: z.array(z.string()),
    types: z.array(z.string()),
    total: LedgerTotals,
    byMonth: z.array(MonthTotals),
    byType: z.array(TypeTotals),
    nodes: z.array(LedgerNode),
  })
  .meta({ id: 'LedgerResponse' });
export type LedgerResponse = z.infer<typeof LedgerResponse>;

export const LedgerOrgsQuery = LedgerQuery.extend({ ...Paging });
export type LedgerOrgsQuery = z.infer<typeof LedgerOrgsQuery>;
/** An organization as the ledger lists name it. */
const LedgerOrg = z.object({
  id: z.number().int(),
  name: z.string(),
  legalForm: z.string(),
  status: z.string(),
  region: z.object({ code: z.string(), name: z.string() }),
  lastActivityOn: z.string().nullable(),
});
export const LedgerOrgRow = LedgerOrg.extend({
  dormant: z.boolean(),
  total: LedgerTotals,
  byMonth: z.array(MonthTotals),
  byType: z.array(TypeTotals),
});
export type LedgerOrgRow = z.infer<typeof LedgerOrgRow>;
export const LedgerOrgsResponse = z.object({
  region: RegionRef,
  from: z.string(),
  to: z.string(),
  months: z.array(z.string()),
  types: z.array(z.string()),
  items: z.array(LedgerOrgRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type LedgerOrgsResponse = z.infer<typeof LedgerOrgsResponse>;

// ---- Dormancy (issue 13 item 2) ----

/** The statutory ground a dormant registered social group meets (cited in the flag and on screen). */
export const DORMANCY_RULE = {
  source: '社会团体登记管理条例',
  article: '第二十九条',
  text: '社会团体自取得《社会团体法人登记证书》之日起1年未开展活动的，由登记管理机关予以撤销登记。',
} as const;

export const Dormancy = z
  .object({
    dormant: z.boolean(),
    months: z.number().int(),
    asOf: z.string(),
    /** The day counted from: the latest live activity, else the day it entered the register (or was founded/created). */
    since: z.string(),
    lastActivityOn: z.string().nullable(),
    /** The first day it is (or was) dormant without a new activity. */
    dormantFrom: z.string(),
    inOperation: z.boolean(),
    /** For a registered social group: the statutory ground (art. 29), and whether it is met (no activity in the year after registration). */
    statutory: z.object({ source: z.string(), article: z.string(), text: z.string(), met: z.boolean() }).nullable(),
    message: z.string().nullable(),
  })
  .meta({ id: 'Dormancy' });
export type Dormancy = z.infer<typeof Dormancy>;

export const DormantQuery = z.object({
  region: LedgerQuery.shape.region,
  asOf: DateText.optional(),
  list: z.enum(['0', '1']).default('0'),
  ...Paging,
});
export type DormantQuery = z.infer<typeof DormantQuery>;

export const DormantOrg = LedgerOrg.extend({
  since: z.string(),
  statutoryMet: z.boolean(),
});
export type DormantOrg = z.infer<typeof DormantOrg>;

export const DormantResponse = z
  .object({
    region: RegionRef,
    asOf: z.string(),
    months: z.array(z.number().int()),
    total: z.object({ dormant: z.number().int(), inOperation: z.number().int() }),
    nodes: z.array(z.object({ region: RegionRef.nullable(), dormant: z.number().int(), inOperation: z.number().int() })),
    items: z.array(DormantOrg),
    itemsTotal: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'DormantResponse' });
export type DormantResponse = z.infer<typeof DormantResponse>;
