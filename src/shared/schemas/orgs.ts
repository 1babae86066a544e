import { registerFieldLabels, z } from '../zod.js';
import { PublicCreditEntry } from './credit-public.js';
import { PublicPenalty } from './penalties.js';
import { LEGAL_FORMS, ORG_STATUSES } from '../enums.js';
import { CodeText, DateText, Paging, PhoneText, RegionRef, SearchText, VersionNumber } from './common.js';

const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label}不超过 ${max} 个字`).nullable().optional();
const count = (label: string) =>
  z.number({ error: `${label}须为整数` }).int(`${label}须为整数`).min(0, `${label}不能为负数`).max(1_000_000, `${label}超出合理范围`).nullable().optional();

/** Fields a user enters for an organization (DESIGN §3); rules beyond shape live in orgs.policy.ts. */
export const OrgFields = z.strictObject({
  name: z.string().trim().min(2, '名称至少 2 个字').max(100, '名称不超过 100 个字'),
  creditCode: CodeText.max(18, '统一社会信用代码为 18 位').nullable().optional(),
  legalForm: z.enum(LEGAL_FORMS, { error: '请选择组织形式' }),
  category: z.string().trim().min(1, '请选择类别').max(20),
  regionCode: z.string().regex(/^[0-9]{6,15}$/, '请选择所在区划（区县、街道、社区或网格）'),
  address: optionalText(200, '地址'),
  leaderName: optionalText(40, '负责人姓名'),
  leaderIdNumber: CodeText.max(18, '身份证号为 18 位').nullable().optional(),
  leaderPhone: PhoneText.nullable().optional(),
  individualMembers: count('个人会员数'),
  unitMembers: count('单位会员数'),
  foundedOn: DateText.nullable().optional(),
  purpose: optionalText(2000, '宗旨'),
  activities: optionalText(4000, '业务范围/活动内容'),
  venue: optionalText(200, '活动场所'),
  hubOrgId: z.number().int().positive().nullable().optional(),
  status: z.enum(ORG_STATUSES, { error: '请选择状态' }).optional(),
  isDemoSite: z.boolean().optional(),
  isBrand: z.boolean().optional(),
  isIncubating: z.boolean().optional(),
  certificateNo: optionalText(40, '证书编号'),
});
export type OrgFields = z.infer<typeof OrgFields>;

export const OrgCreateBody = OrgFields;
export type OrgCreateBody = z.infer<typeof OrgCreateBody>;

export const OrgUpdateBody = OrgFields.partial().extend({
  /** The version the editor saw: a stale edit is refused rather than silently overwriting. */
  version: VersionNumber,
  reason: z.string().trim().max(200, '修改原因不超过 200 个字').optional(),
});
export type OrgUpdateBody = z.infer<typeof OrgUpdateBody>;

/** The words of seed 004 the same-kind rule follows; cited in every similarity warning and on screen, in both languages. */
export const SIMILAR_RULE_TEXT = '对组织形式、业务范围相同或相近的社区社会组织，可以通过整合使其具有一定规模和实力，同一类组织一个社区原则上备案一个';
export const SIMILAR_RULE_SOURCE = '《社区社会组织培育发展工作意见》三(一)2';

/** Why an organization counts as the same kind (seed 004: same legal form and a close business scope). */
export const ORG_SIMILAR_WHY = ['name', 'activities', 'purpose'] as const;
export type OrgSimilarWhy = (typeof ORG_SIMILAR_WHY)[number];

export const OrgWarning = z.object({
  code: z.enum(['similar_org', 'prohibited_kind', 'strict_control']),
  /** In Chinese; the web shows its own words per code in English. */
  message: z.string(),
  orgs: z.array(z.object({ id: z.number().int(), name: z.string(), why: z.array(z.enum(ORG_SIMILAR_WHY)).optional() })).optional(),
});
export type OrgWarning = z.infer<typeof OrgWarning>;

export const Org = z
  .object({
    id: z.number().int(),
    name: z.string(),
    formerNames: z.array(z.string()),
    creditCode: z.string().nullable(),
    legalForm: z.enum(LEGAL_FORMS),
    category: z.string(),
    region: RegionRef,
    regionPath: z.string(),
    address: z.string().nullable(),
    leaderName: z.string().nullable(),
    /** Masked (`3408**********1234`) unless revealed. */
    leaderIdNumber: z.string().nullable(),
    leaderPhone: z.string().nullable(),
    individualMembers: z.number().int().nullable(),
    unitMembers: z.number().int().nullable(),
    foundedOn: z.string().nullable(),
    purpose: z.string().nullable(),
    activities: z.string().nullable(),
    venue: z.string().nullable(),
    hub: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    status: z.enum(ORG_STATUSES),
    isDemoSite: z.boolean(),
    isBrand: z.boolean(),
    isIncubating: z.boolean(),
    certificateNo: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    warnings: z.array(OrgWarning),
  })
  .meta({ id: 'Org' });
export type Org = z.infer<typeof Org>;

export const OrgListItem = Org.pick({
  id: true,
  name: true,
  formerNames: true,
  creditCode: true,
  legalForm: true,
  category: true,
  region: true,
  regionPath: true,
  leaderName: true,
  leaderPhone: true,
  individualMembers: true,
  unitMembers: true,
  foundedOn: true,
  status: true,
  isDemoSite: true,
  isBrand: true,
  isIncubating: true,
  updatedAt: true,
}).meta({ id: 'OrgListItem' });
export type OrgListItem = z.infer<typeof OrgListItem>;

export const ORG_SORTS = ['name', '-name', 'foundedOn', '-foundedOn', 'updatedAt', '-updatedAt', 'members', '-members'] as const;

export const OrgFilter = z.strictObject({
  q: SearchText.optional(),
  region: z.string().regex(/^[0-9]{2,15}$/, '区划代码为 2–15 位数字').optional(),
  form: z.enum(LEGAL_FORMS).optional(),
  category: z.string().trim().max(20).optional(),
  status: z.enum(ORG_STATUSES).optional(),
  flag: z.enum(['isDemoSite', 'isBrand', 'isIncubating']).optional(),
  hub: z.coerce.number().int().positive().optional(),
});
export type OrgFilter = z.infer<typeof OrgFilter>;

export const OrgListQuery = OrgFilter.extend({
  sort: z.enum(ORG_SORTS).default('name'),
  facets: z.enum(['true', 'false']).default('false'),
  ...Paging,
});
export type OrgListQuery = z.infer<typeof OrgListQuery>;

const FacetCounts = z.array(z.object({ value: z.string(), count: z.number().int() }));
export const OrgListResponse = z.object({
  items: z.array(OrgListItem),
  /**
   * Exact up to 10,000 for a list and at least up to 1,000 for a search; above that it is the cap and `totalCapped`
   * is true ("10,000+", "1,000+").
   */
  total: z.number().int(),
  totalCapped: z.boolean(),
  /** Counts per filter value over the same search (when asked with facets=true, unless a search's total is capped). */
  facets: z.object({ form: FacetCounts, category: FacetCounts, status: FacetCounts }).optional(),
});
export type OrgListResponse = z.infer<typeof OrgListResponse>;

export const OrgHistoryEntry = z.object({
  id: z.number().int(),
  version: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  reason: z.string().nullable(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
});
export const OrgHistoryResponse = z.object({ items: z.array(OrgHistoryEntry) });
export type OrgHistoryEntry = z.infer<typeof OrgHistoryEntry>;

export const OrgIdParam = z.object({ id: z.coerce.number().int().positive('组织编号无效') });

export const RevealBody = z.strictObject({ field: z.enum(['leaderIdNumber', 'leaderPhone']) });
export const RevealResponse = z.object({ field: z.string(), value: z.string().nullable() });

/** Field labels in Chinese: forms, history, import reports and exports use the same words. */
export const ORG_FIELD_LABELS: Record<string, string> = {
  name: '名称',
  formerNames: '曾用名',
  creditCode: '统一社会信用代码',
  legalForm: '组织形式',
  category: '类别',
  regionCode: '所在区划',
  region: '所在区划',
  address: '地址',
  leaderName: '负责人',
  leaderIdNumber: '负责人身份证号',
  leaderPhone: '联系电话',
  individualMembers: '个人会员数',
  unitMembers: '单位会员数',
  foundedOn: '成立日期',
  purpose: '宗旨',
  activities: '业务范围/活动内容',
  venue: '活动场所',
  hubOrgId: '所属联合会',
  status: '状态',
  isDemoSite: '示范点',
  isBrand: '品牌',
  isIncubating: '孵化中',
  certificateNo: '证书编号',
  attachments: '附件',
};

registerFieldLabels(ORG_FIELD_LABELS);

/** The public register: no personal data, ever (issue #4 §7). */
export const PublicOrg = z
  .object({
    id: z.number().int(),
    name: z.string(),
    formerNames: z.array(z.string()),
    creditCode: z.string().nullable(),
    legalForm: z.enum(LEGAL_FORMS),
    category: z.string(),
    regionPath: z.string(),
    status: z.enum(ORG_STATUSES),
    foundedOn: z.string().nullable(),
    purpose: z.string().nullable(),
    activities: z.string().nullable(),
    certificateNo: z.string().nullable(),
    /** Credit-list entries, current and past, with ground and days (民政部令第60号: the lists are public). */
    credit: z.array(PublicCreditEntry),
    /** Decided administrative penalties (annulled ones kept with their day). */
    penalties: z.array(PublicPenalty),
  })
  .meta({ id: 'PublicOrg' });
export type PublicOrg = z.infer<typeof PublicOrg>;

export const PublicOrgListQuery = z.strictObject({
  q: SearchText.optional(),
  region: z.string().regex(/^[0-9]{2,15}$/, '区划代码为 2–15 位数字').optional(),
  form: z.enum(LEGAL_FORMS).optional(),
  ...Paging,
});
export type PublicOrgListQuery = z.infer<typeof PublicOrgListQuery>;

export const PublicOrgListResponse = z.object({
  items: z.array(PublicOrg.omit({ purpose: true, activities: true, formerNames: true, credit: true, penalties: true })),
  total: z.number().int(),
});

/** The districts the public register can be narrowed to, the office's own province first (issue 22 item 10). */
export const PublicPlaces = z.object({
  /** The office's own region (SHEZU_HOME_REGION), listed first; null when none is configured. */
  home: z.string().nullable(),
  items: z.array(z.object({ code: z.string(), name: z.string(), path: z.string(), count: z.number().int() })),
});
export type PublicPlaces = z.infer<typeof PublicPlaces>;

// Import jobs belong to the shared import machinery (modules/imports); the registry's page reads them.
export { ImportJob, ImportJobList } from './imports.js';

/** Attachment kinds an organization's file holds (issue #5 asks for the first four at filing). */
export const ATTACHMENT_KINDS = ['charter', 'leader_id', 'venue_proof', 'member_list', 'other'] as const;
export const ATTACHMENT_KIND_LABELS: Record<(typeof ATTACHMENT_KINDS)[number], string> = {
  charter: '章程',
  leader_id: '负责人身份证明',
  venue_proof: '活动场所证明',
  member_list: '成员名单',
  other: '其他材料',
};

export const OrgAttachment = z
  .object({
    id: z.number().int(),
    kind: z.enum(ATTACHMENT_KINDS),
    filename: z.string(),
    mimeType: z.string(),
    sizeBytes: z.number().int(),
    uploadedAt: z.string(),
    uploadedBy: z.string().nullable(),
  })
  .meta({ id: 'OrgAttachment' });
export type OrgAttachment = z.infer<typeof OrgAttachment>;
export const OrgAttachmentList = z.object({ items: z.array(OrgAttachment) });
export const AttachmentParams = z.object({
  id: z.coerce.number().int().positive('组织编号无效'),
  attachmentId: z.coerce.number().int().positive('附件编号无效'),
});
