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
