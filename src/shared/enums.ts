// Shared enumerations with their Chinese labels; used by server and web.

export const ROLES = [
  'district_admin',
  'street_reviewer',
  'community_staff',
  'hub_manager',
  'org_leader',
  'expert',
  'sysadmin',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  district_admin: '区民政局管理员',
  street_reviewer: '街道/乡镇审核人员',
  community_staff: '社区/村工作人员',
  hub_manager: '联合会管理员',
  org_leader: '社会组织负责人',
  expert: '评估/评审专家',
  sysadmin: '系统管理员',
  auditor: '审计管理员',
};

/** The level of node each role acts for (DESIGN §1); null = no node (the whole system) allowed. */
export const ROLE_NODE_LEVELS: Record<Role, readonly number[] | null> = {
  district_admin: [2, 3],
  street_reviewer: [4],
  community_staff: [5],
  hub_manager: [3, 4, 5],
  org_leader: [4, 5, 6],
  expert: null,
  sysadmin: null,
  auditor: null,
};

export const REGION_KINDS = [
  'province',
  'city',
  'district',
  'street',
  'town',
  'township',
  'township_other',
  'community',
  'village',
  'grid',
] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

export const REGION_KIND_LABELS: Record<RegionKind, string> = {
  province: '省级',
  city: '地级',
  district: '县级（区/县）',
  street: '街道',
  town: '镇',
  township: '乡',
  township_other: '乡级其他',
  community: '社区（居委会）',
  village: '村（村委会）',
  grid: '网格',
};

export const REGION_LEVEL_LABELS: Record<number, string> = {
  1: '省',
  2: '市',
  3: '区县',
  4: '街道/乡镇',
  5: '社区/村',
  6: '网格',
};

/** Legal forms (DESIGN §3): three registered forms with a credit code, filed community organizations, grassroots ones. */
export const LEGAL_FORMS = ['social_group', 'social_service', 'foundation', 'filed', 'grassroots'] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];
export const LEGAL_FORM_LABELS: Record<LegalForm, string> = {
  social_group: '社会团体',
  social_service: '社会服务机构',
  foundation: '基金会',
  filed: '备案社区社会组织',
  grassroots: '草根组织',
};
export const REGISTERED_FORMS: readonly LegalForm[] = ['social_group', 'social_service', 'foundation'];

/** Status (DESIGN §3): 筹备 → 备案中/登记中 → 正常 → 变更中 → 注销中 → 已注销; also 责令解散/撤销登记. */
export const ORG_STATUSES = [
  'preparing',
  'filing',
  'registering',
  'active',
  'changing',
  'deregistering',
  'deregistered',
  'dissolved',
  'revoked',
] as const;
export type OrgStatus = (typeof ORG_STATUSES)[number];
export const ORG_STATUS_LABELS: Record<OrgStatus, string> = {
  preparing: '筹备',
  filing: '备案中',
  registering: '登记中',
  active: '正常',
  changing: '变更中',
  deregistering: '注销中',
  deregistered: '已注销',
  dissolved: '责令解散',
  revoked: '撤销登记',
};

/** Default categories (DESIGN §3), configurable per district; Bengbu's hub sub-units included. */
export const DEFAULT_ORG_CATEGORIES = [
  '公益慈善',
  '生活服务',
  '文体活动',
  '权益维护',
  '社区事务',
  '社会中介',
  '经济',
  '枢纽型',
  '维权站',
  '俱乐部',
  '服务社',
] as const;

export const ORG_FLAGS = ['isDemoSite', 'isBrand', 'isIncubating'] as const;
export type OrgFlag = (typeof ORG_FLAGS)[number];
export const ORG_FLAG_LABELS: Record<OrgFlag, string> = { isDemoSite: '示范点', isBrand: '品牌', isIncubating: '孵化中' };

/**
 * Application kinds (DESIGN §4): filing (seed 004: establishment, change, deregistration) and direct registration
 * (seed 003: 行业协会商会类、科技类、公益慈善类、城乡社区服务类) with its change and deregistration.
 */
export const APPLICATION_KINDS = [
  'filing',
  'filing_change',
  'filing_deregistration',
  'registration',
  'registration_change',
  'registration_deregistration',
] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];
export const APPLICATION_KIND_LABELS: Record<ApplicationKind, string> = {
  filing: '成立备案',
  filing_change: '变更备案',
  filing_deregistration: '注销备案',
  registration: '成立登记（直接登记）',
  registration_change: '变更登记',
  registration_deregistration: '注销登记',
};
export const ESTABLISHMENT_KINDS: readonly ApplicationKind[] = ['filing', 'registration'];
export const CHANGE_KINDS: readonly ApplicationKind[] = ['filing_change', 'registration_change'];
export const DEREGISTRATION_KINDS: readonly ApplicationKind[] = ['filing_deregistration', 'registration_deregistration'];
export const REGISTRATION_KINDS: readonly ApplicationKind[] = ['registration', 'registration_change', 'registration_deregistration'];

/** The four kinds that may register directly without a supervising unit (seed 003). */
export const DIRECT_REGISTRATION_TYPES = ['行业协会商会类', '科技类', '公益慈善类', '城乡社区服务类'] as const;

export const APPLICATION_STATUSES = ['draft', 'in_review', 'returned', 'approved', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: '草稿',
  in_review: '审核中',
  returned: '退回补正',
  approved: '已通过',
  rejected: '不予通过',
  withdrawn: '已撤回',
};

/** The chain (seed 004): community pre-review → street/township qualification review → district record. */
export const REVIEW_STEPS = ['community', 'street', 'district'] as const;
export type ReviewStep = (typeof REVIEW_STEPS)[number];
export const REVIEW_STEP_LABELS: Record<ReviewStep, string> = {
  community: '社区预审',
  street: '街道（乡镇）资格审查',
  district: '区民政局备案/登记',
};
/** Who acts at each step. */
export const REVIEW_STEP_ROLES: Record<ReviewStep, Role> = {
  community: 'community_staff',
  street: 'street_reviewer',
  district: 'district_admin',
};

export const REVIEW_DECISIONS = ['approve', 'return', 'reject'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const APPLICATION_ACTION_LABELS: Record<string, string> = {
  create: '创建申请',
  submit: '提交申请',
  resubmit: '补正后重新提交',
  approve: '同意',
  return: '退回补正',
  reject: '不予通过',
  withdraw: '撤回申请',
};

export const CERTIFICATE_STATUSES = ['valid', 'superseded', 'revoked'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];
export const CERTIFICATE_STATUS_LABELS: Record<CertificateStatus, string> = {
  valid: '有效',
  superseded: '已变更（已由新证书取代）',
  revoked: '已注销（证书作废）',
};
