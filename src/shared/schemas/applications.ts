import { z } from '../zod.js';
import { CERTIFICATE_NUMBER, normalizeCertificateNumber } from '../text-normalize.js';
import {
  APPLICATION_KINDS,
  APPLICATION_STATUSES,
  CERTIFICATE_STATUSES,
  DIRECT_REGISTRATION_TYPES,
  LEGAL_FORMS,
  REVIEW_DECISIONS,
  REVIEW_STEPS,
} from '../enums.js';
import { CodeText, Paging, PhoneText, RegionRef, SearchText, VersionNumber } from './common.js';
import { ORG_SIMILAR_WHY, OrgAttachment, OrgFields } from './orgs.js';

/** The registry fields an applicant proposes (status, flags and certificate numbers are the office's to set). */
export const ProposedOrg = OrgFields.omit({ status: true, isDemoSite: true, isBrand: true, isIncubating: true, certificateNo: true });
export type ProposedOrg = z.infer<typeof ProposedOrg>;

export const MemberEntry = z.strictObject({
  name: z.string().trim().min(1, '请填写成员姓名或单位名称').max(60, '名称不超过 60 个字'),
  kind: z.enum(['individual', 'unit'], { error: '请选择个人或单位' }),
  phone: PhoneText.nullable().optional(),
});
export type MemberEntry = z.infer<typeof MemberEntry>;

/** What an application carries; a draft may be incomplete, submission checks everything. */
export const ApplicationData = z.strictObject({
  org: ProposedOrg.partial().default({}),
  members: z.array(MemberEntry).max(5000, '成员名单不超过 5000 人').default([]),
  charter: z.string().trim().max(20000, '章程不超过 20000 字').nullable().optional(),
  /** Direct registration is open to four kinds only (seed 003). */
  registrationType: z.enum(DIRECT_REGISTRATION_TYPES, { error: '直接登记仅限行业协会商会类、科技类、公益慈善类、城乡社区服务类' }).nullable().optional(),
  /** Why the change or deregistration is sought. */
  reason: z.string().trim().max(1000, '原因不超过 1000 字').nullable().optional(),
});
export type ApplicationData = z.infer<typeof ApplicationData>;

export const ApplicationCreateBody = z.strictObject({
  kind: z.enum(APPLICATION_KINDS, { error: '请选择申请类型' }),
  /** The organization to change, deregister, or (a filed one) register. */
  orgId: z.number().int().positive().nullable().optional(),
  data: ApplicationData.optional(),
});
export type ApplicationCreateBody = z.infer<typeof ApplicationCreateBody>;

export const ApplicationUpdateBody = z.strictObject({
  version: VersionNumber,
  data: ApplicationData,
});
export type ApplicationUpdateBody = z.infer<typeof ApplicationUpdateBody>;

export const ReviewBody = z.strictObject({
  decision: z.enum(REVIEW_DECISIONS, { error: '请选择审核结论（同意、退回补正或不予通过）' }),
  opinion: z.string().trim().max(1000, '意见不超过 1000 字').optional(),
  /** Direct registration: the code the registration authority assigns (generated when left empty). */
  creditCode: CodeText.max(18).optional(),
});
export type ReviewBody = z.infer<typeof ReviewBody>;

export const BatchReviewBody = z.strictObject({
  ids: z.array(z.number().int().positive()).min(1, '请至少选择一件申请').max(100, '一次最多处理 100 件'),
  decision: z.enum(REVIEW_DECISIONS, { error: '请选择审核结论' }),
  opinion: z.string().trim().max(1000, '意见不超过 1000 字').optional(),
});
export const BatchReviewResponse = z.object({
  items: z.array(z.object({ id: z.number().int(), ok: z.boolean(), message: z.string().nullable() })),
});

export const WithdrawBody = z.strictObject({ reason: z.string().trim().max(500, '原因不超过 500 字').optional() });

export const ApplicationCheck = z.object({
  code: z.string(),
  /** error: blocks submission; warning: the reviewer decides and must give a reason to approve. */
  level: z.enum(['error', 'warning', 'info']),
  /** In Chinese; the web shows its own words per code in English, filled from params. */
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  orgs: z.array(z.object({ id: z.number().int(), name: z.string(), why: z.array(z.enum(ORG_SIMILAR_WHY)).optional() })).optional(),
});
export type ApplicationCheck = z.infer<typeof ApplicationCheck>;

export const ApplicationEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string(),
  actorRole: z.string().nullable(),
  step: z.enum(REVIEW_STEPS).nullable(),
  action: z.string(),
  opinion: z.string().nullable(),
  dueOn: z.string().nullable(),
});

/** An applicant's file: what the registry shows of an attachment, the uploader being the applicant. */
export const ApplicationAttachment = OrgAttachment.omit({ uploadedBy: true }).meta({ id: 'ApplicationAttachment' });
export type ApplicationAttachment = z.infer<typeof ApplicationAttachment>;

export const DiffEntry = z.object({ field: z.string(), label: z.string(), from: z.unknown(), to: z.unknown() });

export const DUE_STATES = ['on_time', 'due_soon', 'overdue'] as const;

export const ApplicationListItem = z
  .object({
    id: z.number().int(),
    kind: z.enum(APPLICATION_KINDS),
    status: z.enum(APPLICATION_STATUSES),
    name: z.string(),
    legalForm: z.enum(LEGAL_FORMS).nullable(),
    region: RegionRef,
    regionPath: z.string(),
    org: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    steps: z.array(z.enum(REVIEW_STEPS)),
    currentStep: z.enum(REVIEW_STEPS).nullable(),
    stepDueOn: z.string().nullable(),
    dueUncertain: z.boolean(),
    dueState: z.enum(DUE_STATES).nullable(),
    applicant: z.object({ id: z.number().int(), displayName: z.string() }),
    onBehalf: z.boolean(),
    submittedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    certificateNo: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ApplicationListItem' });
export type ApplicationListItem = z.infer<typeof ApplicationListItem>;

export const Application = ApplicationListItem.extend({
  data: ApplicationData,
  events: z.array(ApplicationEvent),
  attachments: z.array(ApplicationAttachment),
  checks: z.array(ApplicationCheck),
  /** A change: the proposed values against the current record, field by field. */
  diff: z.array(DiffEntry).nullable(),
  /** What the signed-in user may do now. */
  can: z.object({ edit: z.boolean(), submit: z.boolean(), withdraw: z.boolean(), review: z.boolean() }),
  /** The district's rules the form follows: its category list and member thresholds. */
  rules: z.object({ categories: z.array(z.string()), memberThresholds: z.object({ individual: z.number().int(), unit: z.number().int() }) }),
}).meta({ id: 'Application' });
export type Application = z.infer<typeof Application>;

export const APPLICATION_QUEUES = ['mine', 'all'] as const;
export const APPLICATION_SORTS = ['due', '-submitted', 'submitted', '-updated'] as const;
export const ApplicationListQuery = z.strictObject({
  queue: z.enum(APPLICATION_QUEUES).default('all'),
  q: SearchText.optional(),
  kind: z.enum(APPLICATION_KINDS).optional(),
  status: z.enum(APPLICATION_STATUSES).optional(),
  step: z.enum(REVIEW_STEPS).optional(),
  due: z.enum(DUE_STATES).optional(),
  region: z.string().regex(/^[0-9]{2,15}$/, '区划代码为 2–15 位数字').optional(),
  sort: z.enum(APPLICATION_SORTS).default('-updated'),
  ...Paging,
});
export type ApplicationListQuery = z.infer<typeof ApplicationListQuery>;

export const ApplicationListResponse = z.object({ items: z.array(ApplicationListItem), total: z.number().int() });
export type ApplicationListResponse = z.infer<typeof ApplicationListResponse>;

/** The header badge: to-dos, and of those the due-soon and overdue ones. */
export const ApplicationCounts = z.object({ mine: z.number().int(), dueSoon: z.number().int(), overdue: z.number().int() });
export type ApplicationCounts = z.infer<typeof ApplicationCounts>;

export const OverdueByNode = z.object({
  region: RegionRef,
  items: z.array(z.object({ region: RegionRef, inReview: z.number().int(), dueSoon: z.number().int(), overdue: z.number().int() })),
});
export type OverdueByNode = z.infer<typeof OverdueByNode>;

export const ApplicationIdParam = z.object({ id: z.coerce.number().int().positive('申请编号无效') });
export const ApplicationAttachmentParams = z.object({
  id: z.coerce.number().int().positive('申请编号无效'),
  attachmentId: z.coerce.number().int().positive('附件编号无效'),
});

/** Public verification (no login): public fields only. */
export const PublicCertificate = z
  .object({
    number: z.string(),
    status: z.enum(CERTIFICATE_STATUSES),
    kind: z.enum(['filing', 'registration']),
    orgName: z.string(),
    legalForm: z.enum(LEGAL_FORMS),
    category: z.string(),
    regionPath: z.string(),
    creditCode: z.string().nullable(),
    issuedOn: z.string(),
    issuer: z.string(),
    supersededBy: z.string().nullable(),
    revokedOn: z.string().nullable(),
    publicOrgId: z.number().int(),
  })
  .meta({ id: 'PublicCertificate' });
export type PublicCertificate = z.infer<typeof PublicCertificate>;

/** Typed as printed or as an input method gives it (full-width, spaces, no dashes): normalized before the check. */
export const CertificateNumberParam = z.object({
  number: z.string().max(64).transform(normalizeCertificateNumber).pipe(z.string().regex(CERTIFICATE_NUMBER, '证书编号格式不正确')),
});

export const SignupBody = z.strictObject({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, '用户名为 3–40 位小写字母、数字、点、下划线或连字符'),
  displayName: z.string().trim().min(2, '请填写姓名').max(40, '姓名不超过 40 个字'),
  phone: PhoneText,
  password: z.string().max(128, '密码过长'),
  /** The community (or village) where the organization is or will be active. */
  regionCode: z.string().regex(/^[0-9]{12}$/, '请选择组织所在的社区（村）'),
});
export type SignupBody = z.infer<typeof SignupBody>;
