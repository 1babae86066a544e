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
