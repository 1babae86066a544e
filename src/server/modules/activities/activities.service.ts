import type { Kysely } from 'kysely';
import type { DB, Db, OrgRow } from '../../db/types.js';
import type { ActivityRow } from '../../db/types-ledger.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import { can, canDeleteActivity, listScope, requireAccess, requireActivityDelete, requireOrgAccess, type Permission } from '../../lib/access.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { loadOrgFor } from '../orgs/index.js';
import { ledgerSettingsFor } from '../settings/index.js';
import type { ActivityInput } from '../../../shared/schemas/activities.js';
import { type Activity, type ActivityFile, type ActivityHistoryResponse, type ActivityListQuery, type ActivityListResponse, type ActivityPatchBody, type EnteredAs, type WritableOrgsResponse } from '../../../shared/schemas/ledger.js';
import { applyTotals, refreshLastActivity, type TotalsDelta } from './activities.totals.js';
import * as repo from './activities.repository.js';
import { heldOnOf } from './activities.policy.js';

export { heldOnOf };

const ENTITY = 'activity';

/** An organization wound up or struck off keeps its ledger but takes no new activity. */
const CLOSED = new Set(['deregistered', 'dissolved', 'revoked']);


/** In which capacity the actor enters (activities.entered_as): a leader, the community, the hub federation (以社管社). */
function enteredAsOf(actor: Actor): EnteredAs {
  if (actor.role === 'org_leader') return 'leader';
  if (actor.role === 'hub_manager') return 'hub';
  if (actor.role === 'community_staff') return 'community';
  return actor.region && actor.region.level <= 3 ? 'district' : 'street';
}

/** The type must be in the district's list (`ledger.activityTypes`); an edit may keep the type it was entered with. */
async function checkType(db: Db, districtId: number | null, type: string, kept?: string) {
  if (type === kept) return;
  const { activityTypes } = await ledgerSettingsFor(db, districtId);
  if (!activityTypes.includes(type)) throw errors.validation({ activityType: `活动类型应为本区设定的类型之一：${activityTypes.join('、')}` });
}

const deltaOf = (a: Pick<ActivityRow, 'region_id' | 'held_on' | 'activity_type' | 'participants' | 'beneficiaries' | 'volunteers' | 'volunteer_minutes'>): TotalsDelta => ({
  region_id: Number(a.region_id),
  held_on: String(a.held_on),
  activity_type: a.activity_type,
  participants: a.participants,
  beneficiaries: a.beneficiaries,
  volunteers: a.volunteers,
  volunteer_minutes: a.volunteer_minutes,
});

/** The stored columns of the fields an API body carries. */
const COLUMNS = {
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  title: 'title',
  activityType: 'activity_type',
  place: 'place',
  participants: 'participants',
  beneficiaries: 'beneficiaries',
  volunteers: 'volunteers',
  volunteerMinutes: 'volunteer_minutes',
  amountFen: 'amount_fen',
  foreignRelated: 'foreign_related',
  description: 'description',
} as const satisfies Record<keyof ActivityInput, keyof ActivityRow>;
type Field = keyof typeof COLUMNS;

/** A stored value in the form the API gives it (times as ISO instants, bigint counts as numbers). */
function apiValue(field: Field, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (field === 'startsAt' || field === 'endsAt') return new Date(v as string | Date).toISOString();
  if (field === 'amountFen') return Number(v);
  return v;
}

/** The place an access check needs, from the activity (placed like its organization when entered). */
const placeOf = (a: repo.ActivityDetailRow) => ({
  id: Number(a.org_id),
  hub_org_id: a.hub_org_id === null ? null : Number(a.hub_org_id),
  level1_id: a.level1_id, level2_id: a.level2_id, level3_id: a.level3_id, level4_id: a.level4_id, level5_id: a.level5_id, level6_id: a.level6_id,
});

/** The live activity for an actor: 404 when absent, deleted, or outside their reach (never says which). */
export async function loadActivityFor(db: Db, ctx: RequestContext, id: number, permission: Permission): Promise<repo.ActivityDetailRow> {
  // Permission first, as every refusal: 403 without it even for an id that does not exist.
  requireAccess(ctx.actor, permission);
  const row = await repo.findActivity(db, id);
  if (!row) throw errors.notFound(ENTITY);
  await requireOrgAccess(db, ctx.actor, permission, placeOf(row), ENTITY);
  return row;
}

export function toFile(f: Awaited<ReturnType<typeof repo.findFileMeta>>[number]): ActivityFile {
  return { id: Number(f.id), kind: f.kind, filename: f.filename, mimeType: f.mime_type, sizeBytes: f.size_bytes, width: f.width, height: f.height, uploadedAt: new Date(f.uploaded_at).toISOString() };
}

async function toActivities(db: Db, actor: Actor, rows: repo.ActivityDetailRow[]): Promise<Activity[]> {
  const files = await repo.findFileMeta(db, rows.map((r) => Number(r.id)));
  return rows.map((r) => {
    const mine = files.filter((f) => Number(f.activity_id) === Number(r.id));
    const signin = mine.find((f) => f.kind === 'signin');
    return {
      id: Number(r.id),
      orgId: Number(r.org_id),
      orgName: r.org_name,
      region: { code: r.region_code, name: r.region_name },
      startsAt: new Date(r.starts_at).toISOString(),
      endsAt: new Date(r.ends_at).toISOString(),
      heldOn: String(r.held_on),
      title: r.title,
      activityType: r.activity_type,
      place: r.place,
      participants: r.participants,
      beneficiaries: r.beneficiaries,
      volunteers: r.volunteers,
      volunteerMinutes: r.volunteer_minutes,
      amountFen: Number(r.amount_fen),
      foreignRelated: r.foreign_related,
      description: r.description,
      enteredBy: r.entered_by_name,
      enteredAs: r.entered_as,
      version: r.version,
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
      photos: mine.filter((f) => f.kind === 'photo').map(toFile),
      signin: signin ? toFile(signin) : null,
      canEdit: can(actor, 'activity.write'),
      canDelete: canDeleteActivity(actor, r),
    };
  });
}

export async function getActivity(db: Db, ctx: RequestContext, id: number): Promise<Activity> {
  const row = await loadActivityFor(db, ctx, id, 'activity.read');
  return (await toActivities(db, ctx.actor!, [row]))[0];
}

/** An organization's timeline: its live activities, newest first, paged. */
export async function listOrgActivities(db: Db, ctx: RequestContext, orgId: number, q: ActivityListQuery): Promise<ActivityListResponse> {
  await loadOrgFor(db, ctx, orgId, 'activity.read');
  const filter = { from: q.from, to: q.to, type: q.type || undefined };
  const [rows, total] = await Promise.all([
    repo.findOrgActivities(db, orgId, filter, q.pageSize, (q.page - 1) * q.pageSize),
    repo.countOrgActivities(db, orgId, filter),
  ]);
  return { items: await toActivities(db, ctx.actor!, rows), total, page: q.page, pageSize: q.pageSize };
}

function newRow(org: OrgRow, actor: Actor, input: ActivityInput) {
  return {
    org_id: Number(org.id),
    region_id: Number(org.region_id),
    level1_id: org.level1_id, level2_id: org.level2_id, level3_id: org.level3_id, level4_id: org.level4_id, level5_id: org.level5_id, level6_id: org.level6_id,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    held_on: heldOnOf(input.startsAt),
    title: input.title,
    activity_type: input.activityType,
    place: input.place,
    participants: input.participants,
    beneficiaries: input.beneficiaries,
    volunteers: input.volunteers,
    volunteer_minutes: input.volunteerMinutes,
    amount_fen: input.amountFen,
    foreign_related: input.foreignRelated,
    description: input.description,
    entered_by: actor.id,
    entered_as: enteredAsOf(actor),
  };
}

/** Enters an activity: the organization's leader, its community staff or its hub federation (requireOrgAccess). */
export async function createActivity(db: Kysely<DB>, ctx: RequestContext, orgId: number, input: ActivityInput): Promise<Activity> {
  const org = await loadOrgFor(db, ctx, orgId, 'activity.write');
  if (CLOSED.has(org.status)) throw errors.conflict('activity.org_closed', '该组织已注销或被撤销，不能再登记活动');
  await checkType(db, org.level3_id, input.activityType);
  const actor = ctx.actor!;
  const id = await db.transaction().execute(async (trx) => {
    const row = await repo.insertActivity(trx, newRow(org, actor, input));
    await applyTotals(trx, [deltaOf(row)], 1);
    await refreshLastActivity(trx, [orgId]);
    const changes = Object.fromEntries((Object.keys(COLUMNS) as Field[]).map((f) => [f, { from: null, to: apiValue(f, row[COLUMNS[f]]) }]));
    await repo.insertActivityHistory(trx, { activityId: Number(row.id), version: row.version, actorId: actor.id, actorName: actor.username, action: 'create', reason: null, changes });
    await writeAudit(trx, ctx, { action: 'activity.create', entityType: 'activity', entityId: Number(row.id), newValue: { orgId, title: row.title, heldOn: row.held_on, activityType: row.activity_type, participants: row.participants } });
    return Number(row.id);
  });
  return getActivity(db, ctx, id);
}

/** An edit: the version the editor saw, the fields changed kept in activity_history field by field. */
export async function updateActivity(db: Kysely<DB>, ctx: RequestContext, id: number, body: ActivityPatchBody): Promise<Activity> {
  const old = await loadActivityFor(db, ctx, id, 'activity.write');
  if (body.version !== old.version) throw errors.conflict('activity.version_conflict', '这条活动已被他人修改，请刷新后再改');
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const set: Record<string, unknown> = {};
  for (const f of Object.keys(COLUMNS) as Field[]) {
    if (body[f] === undefined) continue;
    const from = apiValue(f, old[COLUMNS[f]]);
    const to = apiValue(f, body[f]);
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes[f] = { from, to };
    set[COLUMNS[f]] = body[f];
  }
  const startsAt = body.startsAt ?? new Date(old.starts_at).toISOString();
  const endsAt = body.endsAt ?? new Date(old.ends_at).toISOString();
  if (Date.parse(endsAt) < Date.parse(startsAt)) throw errors.validation({ endsAt: '结束时间不能早于开始时间' });
  if (changes.activityType) await checkType(db, old.org_district_id, body.activityType!, old.activity_type);
  if (Object.keys(changes).length === 0) return getActivity(db, ctx, id);
  if (changes.startsAt) set.held_on = heldOnOf(startsAt);
  const actor = ctx.actor!;
  await db.transaction().execute(async (trx) => {
    const row = await repo.updateActivity(trx, id, body.version, set);
    if (!row) throw errors.conflict('activity.version_conflict', '这条活动已被他人修改，请刷新后再改');
    await applyTotals(trx, [deltaOf(old)], -1);
    await applyTotals(trx, [deltaOf(row)], 1);
    await refreshLastActivity(trx, [Number(row.org_id)]);
    await repo.insertActivityHistory(trx, { activityId: id, version: row.version, actorId: actor.id, actorName: actor.username, action: 'update', reason: body.reason ?? null, changes });
    await writeAudit(trx, ctx, { action: 'activity.update', entityType: 'activity', entityId: id, oldValue: Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, c.from])), newValue: Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, c.to])) });
  });
  return getActivity(db, ctx, id);
}

/** A soft delete with its reason, by its author or the community staff of its community (lib/access.ts). */
export async function deleteActivity(db: Kysely<DB>, ctx: RequestContext, id: number, reason: string): Promise<void> {
  const old = await loadActivityFor(db, ctx, id, 'activity.write');
  requireActivityDelete(ctx.actor!, old);
  const actor = ctx.actor!;
  await db.transaction().execute(async (trx) => {
    const row = await repo.softDeleteActivity(trx, id, actor.id, reason);
    if (!row) throw errors.notFound(ENTITY);
    await applyTotals(trx, [deltaOf(old)], -1);
    await refreshLastActivity(trx, [Number(old.org_id)]);
    await repo.insertActivityHistory(trx, { activityId: id, version: row.version, actorId: actor.id, actorName: actor.username, action: 'delete', reason, changes: {} });
    await writeAudit(trx, ctx, { action: 'activity.delete', entityType: 'activity', entityId: id, oldValue: { orgId: Number(old.org_id), title: old.title, heldOn: old.held_on }, newValue: { reason } });
  });
}

export async function activityHistory(db: Db, ctx: RequestContext, id: number): Promise<ActivityHistoryResponse> {
  await loadActivityFor(db, ctx, id, 'activity.read');
  const rows = await repo.findActivityHistory(db, id);
  return {
    items: rows.map((r) => ({
      version: r.version,
      at: new Date(r.at).toISOString(),
      actorName: r.actor_name,
      action: r.action,
      reason: r.reason,
      changes: (typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes) as Record<string, { from: unknown; to: unknown }>,
    })),
  };
}

/** The organizations the actor may enter activities for: their subtree's (staff), the hub's members, their own. */
export async function writableOrgs(db: Db, ctx: RequestContext, search: string | undefined): Promise<WritableOrgsResponse> {
  requireAccess(ctx.actor, 'activity.write');
  const rows = await repo.writableOrgs(db, await listScope(db, ctx.actor), search || undefined, 500);
  const districts = [...new Set(rows.map((r) => (r.level3_id === null ? null : Number(r.level3_id))))];
  const activityTypes: Record<string, string[]> = {};
  for (const d of districts) activityTypes[String(d)] = (await ledgerSettingsFor(db, d)).activityTypes;
  return {
    items: rows.map((r) => ({ id: Number(r.id), name: r.name, region: { code: r.region_code, name: r.region_name }, lastActivityOn: r.last_activity_on, districtId: r.level3_id === null ? null : Number(r.level3_id) })),
    activityTypes,
  };
}
