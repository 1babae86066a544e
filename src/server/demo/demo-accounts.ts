import type { Role } from '../../shared/enums.js';

/** Demo accounts, one per role (README lists them); they share the password in SHEZU_DEMO_PASSWORD. */
export const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role; regionCode: string | null }[] = [
  { username: 'jizhou-admin', displayName: '吉州区民政局（演示）', role: 'district_admin', regionCode: '360802' },
  { username: 'wenshan-reviewer', displayName: '文山街道审核员（演示）', role: 'street_reviewer', regionCode: '360802003' },
  { username: 'cangkou-staff', displayName: '仓口社区工作人员（演示）', role: 'community_staff', regionCode: '360802003009' },
  { username: 'bengbu-admin', displayName: '蚌埠市民政局（演示）', role: 'district_admin', regionCode: '3403' },
  { username: 'binhai-admin', displayName: '滨海新区民政局（演示）', role: 'district_admin', regionCode: '120116' },
  // Stands for 龙子湖区“心之桥”社区社会组织联合会 (seed 000) once the demo organizations exist.
  { username: 'bengbu-hub', displayName: '“心之桥”联合会（演示）', role: 'hub_manager', regionCode: '340302' },
  { username: 'cangkou-leader', displayName: '社会组织负责人（演示）', role: 'org_leader', regionCode: '360802003009' },
  { username: 'expert-wang', displayName: '王评审（演示专家）', role: 'expert', regionCode: null },
  { username: 'sysadmin', displayName: '系统管理员（演示）', role: 'sysadmin', regionCode: null },
  { username: 'auditor', displayName: '审计管理员（演示）', role: 'auditor', regionCode: null },
];

/** The places of the seed documents: 蚌埠市, 吉安市吉州区, 天津市滨海新区. */
export const DEMO_REGIONS = ['3403', '360802', '120116'];

/** Accounts that speak for an organization of the demo (by its name). */
export const DEMO_ACCOUNT_ORGS: Record<string, string> = { 'bengbu-hub': '龙子湖区“心之桥”社区社会组织联合会' };
