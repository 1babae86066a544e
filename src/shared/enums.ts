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
