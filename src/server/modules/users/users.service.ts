import type { Kysely } from 'kysely';
import type { DB, Db } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { regionScope, requireAccess, type LevelColumn } from '../../lib/access.js';
import { escapeLike } from '../../lib/search-text.js';
import { checkPasswordPolicy } from '../../../shared/password-policy.js';
import { isValidPhone, maskPhone, PHONE_MESSAGE } from '../../../shared/validators.js';
import type { SignupBody } from '../../../shared/schemas/applications.js';
import type { UserCreateBody, UserListQuery, UserResponse, UserUpdateBody } from '../../../shared/schemas/users.js';
import { hashPassword } from '../auth/index.js';
import { findRegionByCode } from '../regions/index.js';
import * as repo from './users.repository.js';
import { checkRoleNode } from './users.policy.js';

const ENTITY = 'user';

function toResponse(u: NonNullable<repo.UserWithRegion>): UserResponse {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    region:
      u.region_id === null ? null : { id: u.region_id, code: u.region_code!, name: u.region_name!, level: u.region_level! },
    // The masked form: the clear phone is sealed at rest and shown by nothing but an audited reveal.
    phone: u.phone_masked,
    disabled: u.disabled,
    lockedUntil: u.locked_until && new Date(u.locked_until) > new Date() ? new Date(u.locked_until).toISOString() : null,
    lastLoginAt: u.last_login_at ? new Date(u.last_login_at).toISOString() : null,
    createdAt: new Date(u.created_at).toISOString(),
  };
}

const pathOf = (u: NonNullable<repo.UserWithRegion>) => (u.region_id === null ? null : u);

async function loadManaged(db: Db, ctx: RequestContext, id: number, permission: 'user.read' | 'user.manage') {
  requireAccess(ctx.actor, permission);
  const user = await repo.findUserById(db, id);
  if (!user) throw errors.notFound(ENTITY);
  requireAccess(ctx.actor, permission, { entity: ENTITY, path: pathOf(user) });
  return user;
}

/** The region a user is to act for, checked against the role and against the actor's own subtree. */
async function resolveUserRegion(db: Db, ctx: RequestContext | null, role: UserCreateBody['role'], code: string | null) {
  if (code === null) {
    const msg = checkRoleNode(role, null);
    if (msg) throw errors.validation({ regionCode: msg });
    if (ctx?.actor?.region) throw errors.validation({ regionCode: '只能在本人管辖范围内创建账号' });
    return null;
  }
  const region = await findRegionByCode(db, code);
  if (!region) throw errors.validation({ regionCode: `区划 ${code} 不存在` });
  if (ctx?.actor) requireAccess(ctx.actor, 'user.manage', { entity: 'region', path: region });
  const msg = checkRoleNode(role, region.level);
  if (msg) throw errors.validation({ regionCode: msg });
  return region;
}

export async function listUsers(db: Kysely<DB>, ctx: RequestContext, query: UserListQuery) {
  requireAccess(ctx.actor, 'user.read');
  let filterScope;
  if (query.region) {
    const region = await findRegionByCode(db, query.region);
    if (!region) return { items: [], total: 0 };
    filterScope = { column: `level${region.level}_id` as LevelColumn, id: region.id };
  }
  const desc = query.sort.startsWith('-');
  const key = desc ? query.sort.slice(1) : query.sort;
  const column = key === 'createdAt' ? 'u.created_at' : key === 'lastLoginAt' ? 'u.last_login_at' : 'u.username';
  const { items, total } = await repo.listUsers(db, {
    scope: regionScope(ctx.actor),
    regionScope: filterScope,
    q: query.q ? escapeLike(query.q.toLowerCase()) : undefined,
    role: query.role,
    disabled: query.disabled === undefined ? undefined : query.disabled === 'true',
    sort: { column, direction: desc ? 'desc' : 'asc' },
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: items.map(toResponse), total };
}

export async function getUser(db: Kysely<DB>, ctx: RequestContext, id: number) {
  return toResponse(await loadManaged(db, ctx, id, 'user.read'));
}

/**
 * Creates an account; `ctx.actor` null = the command line (trusted operator on the server). A public sign-up records
 * itself as `user.signup` by the new account, in the same transaction as the account (one record per change).
 */
export async function createUser(db: Kysely<DB>, ctx: RequestContext, body: UserCreateBody, viaCli = false, signup = false) {
  if (!viaCli) requireAccess(ctx.actor, 'user.manage');
  const policy = checkPasswordPolicy(body.password, body.username);
  if (policy) throw errors.validation({ password: policy });
  const region = await resolveUserRegion(db, viaCli ? null : ctx, body.role, body.regionCode);
  const passwordHash = await hashPassword(body.password);
  const id = await db.transaction().execute(async (trx) => {
    if (await repo.findUserIdByUsername(trx, body.username)) {
      throw errors.conflict('user.exists', '用户名已存在', { username: '该用户名已被使用' });
    }
    const newId = await repo.insertUser(trx, {
      username: body.username,
      displayName: body.displayName,
      role: body.role,
      regionId: region?.id ?? null,
      phone: body.phone ?? null,
      passwordHash,
    });
    await writeAudit(trx, ctx, {
      action: signup ? 'user.signup' : 'user.create',
      ...(signup && { actorId: newId, actorName: body.username }),
      entityType: ENTITY,
      entityId: newId,
      regionCode: region?.code ?? null,
      newValue: { username: body.username, displayName: body.displayName, role: body.role, regionCode: body.regionCode },
    });
    return newId;
  });
  return toResponse((await repo.findUserById(db, id))!);
}

export async function updateUser(db: Kysely<DB>, ctx: RequestContext, id: number, body: UserUpdateBody, viaCli = false) {
  const user = viaCli ? await repo.findUserById(db, id) : await loadManaged(db, ctx, id, 'user.manage');
  if (!user) throw errors.notFound(ENTITY);
  if (!viaCli && ctx.actor!.id === id && (body.disabled === true || (body.role && body.role !== user.role))) {
    throw errors.badRequest('user.self_change', '不能停用自己的账号或修改自己的角色');
  }
  const role = body.role ?? user.role;
  const regionCode = body.regionCode === undefined ? user.region_code : body.regionCode;
  const region =
    body.role !== undefined || body.regionCode !== undefined
      ? await resolveUserRegion(db, viaCli ? null : ctx, role, regionCode ?? null)
      : undefined;
  const before = toResponse(user);
  await db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, {
      ...(body.displayName !== undefined && { display_name: body.displayName }),
      ...(body.role !== undefined && { role: body.role }),
      ...(region !== undefined && { region_id: region?.id ?? null }),
      ...(body.phone !== undefined && { phone: body.phone }),
      ...(body.disabled !== undefined && { disabled: body.disabled }),
    });
    // A disabled account or a changed duty ends the sessions it had.
    if (body.disabled === true || body.role !== undefined || region !== undefined) await repo.deleteSessionsOfUser(trx, id);
    await writeAudit(trx, ctx, {
      action: body.disabled === true ? 'user.disable' : 'user.update',
      entityType: ENTITY,
      entityId: id,
      regionCode: region === undefined ? user.region_code : (region?.code ?? null),
      oldValue: before,
      // The audit log shows personal data masked, as the answers do (orgs.fields.ts does the same for leaders).
      newValue: body.phone ? { ...body, phone: maskPhone(body.phone) } : body,
    });
  });
  return toResponse((await repo.findUserById(db, id))!);
}

export async function resetPassword(db: Kysely<DB>, ctx: RequestContext, id: number, password: string, viaCli = false) {
  const user = viaCli ? await repo.findUserById(db, id) : await loadManaged(db, ctx, id, 'user.manage');
  if (!user) throw errors.notFound(ENTITY);
  const policy = checkPasswordPolicy(password, user.username);
  if (policy) throw errors.validation({ password: policy });
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, { password_hash: passwordHash, password_changed_at: new Date(), failed_logins: 0, locked_until: null });
    await repo.deleteSessionsOfUser(trx, id);
    await writeAudit(trx, ctx, { action: 'user.password_reset', entityType: ENTITY, entityId: id, regionCode: user.region_code });
  });
}

export async function unlockUser(db: Kysely<DB>, ctx: RequestContext, id: number) {
  const user = await loadManaged(db, ctx, id, 'user.manage');
  await db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, { failed_logins: 0, locked_until: null });
    await writeAudit(trx, ctx, { action: 'user.unlock', entityType: ENTITY, entityId: id, regionCode: user.region_code });
  });
  return toResponse((await repo.findUserById(db, id))!);
}

export async function findUserIdByUsername(db: Kysely<DB>, username: string) {
  return (await repo.findUserIdByUsername(db, username.toLowerCase()))?.id ?? null;
}

/**
 * Public sign-up of an applicant (an organization's leader, issue #5): an org_leader account at the community
 * where the organization is or will be active. Staff accounts are never created this way.
 */
export async function signUpApplicant(db: Kysely<DB>, ctx: RequestContext, body: SignupBody) {
  const fields: Record<string, string> = {};
  if (!isValidPhone(body.phone)) fields.phone = PHONE_MESSAGE;
  const region = await findRegionByCode(db, body.regionCode);
  if (!region || region.level !== 5) fields.regionCode = '请选择组织所在的社区（村）';
  if (Object.keys(fields).length > 0) throw errors.validation(fields);
  // The account and its user.signup record in one transaction (it used to be a second write after the account's).
  return createUser(db, { ...ctx, actor: null }, { ...body, role: 'org_leader' }, true, true);
}
