import { sealBytes } from '../src/server/lib/personal-data.js';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../src/server/db/types.js';
import type { Role } from '../src/shared/enums.js';
import { createUser } from '../src/server/modules/users/index.js';

export const TEST_PASSWORD = 'Test-Pass-2026';

/** Fixture places (吉州区, imported into every test database). */
export const PLACES = {
  jizhou: '360802',
  wenshan: '360802003', // 文山街道
  cangkou: '360802003009', // 仓口社区居委会, in 文山街道
  xincun: '360802003005', // 新村居委会, in 文山街道
  gunan: '360802001', // 古南街道, beside 文山街道
  gunanCommunity: '360802001001',
  city: '3608', // 吉安市, above the district
} as const;

export interface TestUserOptions {
  role: Role;
  regionCode?: string | null;
  username?: string;
  password?: string;
}

const DEFAULT_NODE: Record<Role, string | null> = {
  district_admin: PLACES.jizhou,
  street_reviewer: PLACES.wenshan,
  community_staff: PLACES.cangkou,
  hub_manager: PLACES.cangkou,
  org_leader: PLACES.cangkou,
  expert: null,
  sysadmin: null,
  auditor: null,
};

export async function createTestUser(db: Kysely<DB>, opts: TestUserOptions) {
  const username = opts.username ?? `${opts.role.replace('_', '')}-${randomBytes(4).toString('hex')}`;
  return createUser(
    db,
    { actor: null, requestId: 'test', ip: null },
    {
      username,
      displayName: `测试${opts.role}`,
      role: opts.role,
      regionCode: opts.regionCode === undefined ? DEFAULT_NODE[opts.role] : opts.regionCode,
      phone: null,
      password: opts.password ?? TEST_PASSWORD,
    },
    true,
  );
}

import { creditCodeCheckChar, orgCodeCheckChar, residentIdCheckChar } from '../src/shared/validators.js';
import type { OrgFields } from '../src/shared/schemas/orgs.js';
import { insertPreparedOrg, prepareOrg } from '../src/server/modules/orgs/orgs.service.js';

let serial = 0;

/** A valid civil-affairs credit code: 5, the form digit, the area, an organization code with both check characters. */
export function makeCreditCode(formDigit: '1' | '2' | '3', area = '360802', n = ++serial): string {
  const body = `MJ${String(n).padStart(6, '0')}`;
  const first17 = `5${formDigit}${area}${body}${orgCodeCheckChar(body)}`;
  return first17 + creditCodeCheckChar(first17);
}

export function makeResidentId(area = '360802', birth = '19800101', n = ++serial): string {
  const first17 = `${area}${birth}${String(n % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

const SYSTEM_ACTOR = { id: 0, username: 'test-factory', displayName: '测试', role: 'district_admin' as const, region: null, orgId: null };

/** Stores an organization through the real rules (a filed community organization in 仓口社区 by default). */
export async function createTestOrg(db: Kysely<DB>, overrides: Partial<OrgFields> = {}) {
  const fields: OrgFields = {
    name: `测试组织${++serial}号`,
    legalForm: 'filed',
    category: '文体活动',
    regionCode: PLACES.cangkou,
    status: 'active',
    ...overrides,
  };
  const ctx = { actor: null, requestId: 'test', ip: null };
  const prepared = await prepareOrg(db, SYSTEM_ACTOR, fields);
  const id = await db.transaction().execute((trx) => insertPreparedOrg(trx, ctx, fields, prepared));
  return { id, ...fields };
}

/** A stored file of an organization (a charter PDF), written directly: tests of reading it need no upload. */
export async function createTestOrgAttachment(db: Kysely<DB>, orgId: number): Promise<number> {
  const row = await db
    .insertInto('org_attachments')
    .values({ org_id: orgId, kind: 'charter', filename: 'c.pdf', mime_type: 'application/pdf', size_bytes: 9, content: sealBytes(Buffer.from('%PDF-1.4 ')), uploaded_at: new Date(), uploaded_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A valid filing certificate of an organization under a given number, written directly. */
export async function createTestCertificate(db: Kysely<DB>, orgId: number, number: string): Promise<string> {
  await db
    .insertInto('certificates')
    .values({ number, org_id: orgId, application_id: null, kind: 'filing', status: 'valid', issued_on: '2026-11-02', issuer_name: '吉州区文山街道办事处', issuer_region_id: null, details: JSON.stringify({ orgName: '矩阵', legalForm: 'filed', category: '文体活动', regionPath: '吉州区', creditCode: null }) })
    .execute();
  return number;
}
