import { sql } from 'kysely';
import type { UserUpdate, Db } from '../../db/types.js';
import type { RegionScope } from '../../lib/access.js';
import type { Role } from '../../../shared/enums.js';
import { sealedColumns } from '../../lib/personal-data.js';


const USER_COLUMNS = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.role',
  'u.phone_masked',
  'u.disabled',
  'u.locked_until',
  'u.last_login_at',
  'u.created_at',
  'u.region_id',
  'r.code as region_code',
  'r.name as region_name',
  'r.level as region_level',
  'r.level1_id', 'r.level2_id', 'r.level3_id', 'r.level4_id', 'r.level5_id', 'r.level6_id',
] as const;

function baseQuery(db: Db) {
  return db.selectFrom('users as u').leftJoin('regions as r', 'r.id', 'u.region_id').select(USER_COLUMNS);
}

export type UserWithRegion = Awaited<ReturnType<typeof findUserById>> & {};

export function findUserById(db: Db, id: number) {
  return baseQuery(db).where('u.id', '=', id).executeTakeFirst();
}

export interface UserFilter {
  scope: RegionScope | null;
  q?: string;
  role?: Role;
  regionScope?: RegionScope;
  disabled?: boolean;
  sort: { column: 'u.username' | 'u.created_at' | 'u.last_login_at'; direction: 'asc' | 'desc' };
  offset: number;
  limit: number;
}

export async function listUsers(db: Db, f: UserFilter) {
  let q = db.selectFrom('users as u').leftJoin('regions as r', 'r.id', 'u.region_id');
  // Accounts without a node belong to the whole system: only an unrestricted administrator sees them.
  if (f.scope) q = q.where(`r.${f.scope.column}`, '=', f.scope.id);
  if (f.regionScope) q = q.where(`r.${f.regionScope.column}`, '=', f.regionScope.id);
  if (f.role) q = q.where('u.role', '=', f.role);
  if (f.disabled !== undefined) q = q.where('u.disabled', '=', f.disabled);
  if (f.q) {
    const like = `%${f.q}%`;
    q = q.where((eb) => eb.or([eb('u.username', 'like', like), eb('u.display_name', 'like', like)]));
  }
  const [{ n }] = await q.select((eb) => eb.fn.countAll<number>().as('n')).execute();
  const items = await q
    .select(USER_COLUMNS)
    .orderBy(sql`${sql.ref(f.sort.column)} ${sql.raw(f.sort.direction)} nulls last`)
    .orderBy('u.id')
    .offset(f.offset)
    .limit(f.limit)
    .execute();
  return { items, total: Number(n) };
}

export async function insertUser(
  db: Db,
  u: { username: string; displayName: string; role: Role; regionId: number | null; phone: string | null; passwordHash: string },
) {
  const row = await db
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      region_id: u.regionId,
      ...sealedColumns('phone', 'phone', u.phone),
      password_hash: u.passwordHash,
      password_changed_at: new Date(),
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** `phone` is stored sealed (migration 0015): its three columns from the clear value. */
export async function updateUser(db: Db, id: number, patch: Omit<UserUpdate, 'phone_enc' | 'phone_masked' | 'phone_hash'> & { phone?: string | null }) {
  const { phone, ...rest } = patch;
  await db
    .updateTable('users')
    .set({ ...rest, ...(phone !== undefined && sealedColumns('phone', 'phone', phone)), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/**
 * Links an organization leader's account to the organization it now speaks for (an approved establishment filed by
 * the leader): only a leader's account, and only one not linked yet. Takes effect at the account's next request.
 */
export async function linkAccountToOrg(db: Db, userId: number, orgId: number) {
  await db.updateTable('users').set({ org_id: orgId }).where('id', '=', userId).where('role', '=', 'org_leader').where('org_id', 'is', null).execute();
}

/** Display names of accounts, by id. */
export async function findUserNames(db: Db, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [Number(r.id), r.display_name]));
}

export function findUserIdByUsername(db: Db, username: string) {
  return db.selectFrom('users').select(['id']).where('username', '=', username).executeTakeFirst();
}

export async function deleteSessionsOfUser(db: Db, userId: number) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
