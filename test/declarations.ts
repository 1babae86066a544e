import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../src/server/db/types.js';
import '../src/server/db/types-declarations.js';
import type { DeclarationStatus } from '../src/server/db/types-declarations.js';
import { placementColumns } from '../src/server/lib/access.js';
import { addDays, todayInChina } from '../src/server/lib/working-days.js';
import { linkAccountToOrg } from '../src/server/modules/users/index.js';
import type { Client, TestApp } from './app.js';
import { createTestUser } from './factories.js';

/** Helpers for declaration tests: a body that passes, a linked leader, and rows written directly (past dates). */

export const daysFromToday = (n: number) => addDays(todayInChina(), n);

export function declarationBody(orgId: number, overrides: Record<string, unknown> = {}) {
  return {
    orgId,
    kinds: ['会员（代表）大会'],
    title: '第二届会员大会',
    plannedStartOn: daysFromToday(10),
    plannedEndOn: daysFromToday(10),
    place: '仓口社区党群服务中心',
    expectedParticipants: 60,
    amountFen: 0,
    foreignRelated: false,
    content: '选举第二届理事会，审议工作报告与财务报告。',
    contactName: '王秀英',
    contactPhone: '13900001234',
    ...overrides,
  };
}

/** The declaration fields of a body, for a PATCH. */
export function fieldsOf(body: ReturnType<typeof declarationBody>) {
  const fields: Partial<typeof body> = { ...body };
  delete fields.orgId;
  return fields;
}

/** A client signed in as the leader of `orgId` (an account linked to it). */
export async function leaderOf(t: TestApp, orgId: number, regionCode: string): Promise<Client> {
  const user = await createTestUser(t.database.db, { role: 'org_leader', regionCode });
  await linkAccountToOrg(t.database.db, user.id, orgId);
  return t.login(user.username);
}

async function placeOf(db: Kysely<DB>, orgId: number) {
  const org = await db.selectFrom('orgs').select('region_id').where('id', '=', orgId).executeTakeFirstOrThrow();
  return db.selectFrom('regions').selectAll().where('id', '=', org.region_id).executeTakeFirstOrThrow();
}

/** A ledger activity written directly (the ledger's own service is the ledger module's). */
export async function insertActivity(
  db: Kysely<DB>,
  orgId: number,
  enteredBy: number,
  overrides: Partial<{ heldOn: string; endsOn: string; participants: number; amountFen: number; foreignRelated: boolean; activityType: string; title: string; declarationId: number | null; deleted: boolean }> = {},
) {
  const region = await placeOf(db, orgId);
  const heldOn = overrides.heldOn ?? daysFromToday(-20);
  const endsOn = overrides.endsOn ?? heldOn;
  const row = await db
    .insertInto('activities')
    .values({
      org_id: orgId,
      ...placementColumns({ ...region, id: Number(region.id) }),
      starts_at: `${heldOn}T09:00:00+08:00`,
      ends_at: `${endsOn}T11:00:00+08:00`,
      held_on: heldOn,
      title: overrides.title ?? '广场舞展演',
      activity_type: overrides.activityType ?? '文体活动',
      place: '文化广场',
      participants: overrides.participants ?? 20,
      amount_fen: overrides.amountFen ?? 0,
      foreign_related: overrides.foreignRelated ?? false,
      description: null,
      entered_by: enteredBy,
      entered_as: 'community',
      import_job_id: null,
      deleted_at: overrides.deleted ? new Date() : null,
      deleted_by: overrides.deleted ? enteredBy : null,
      delete_reason: overrides.deleted ? '录入重复' : null,
      declaration_id: overrides.declarationId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A declaration in any state written directly (an approved one of a past activity cannot be made by submitting). */
export async function insertDeclaration(
  db: Kysely<DB>,
  orgId: number,
  declaredBy: number,
  overrides: Partial<{ status: DeclarationStatus; startOn: string; endOn: string; summaryDueOn: string | null; title: string }> = {},
) {
  const region = await placeOf(db, orgId);
  const startOn = overrides.startOn ?? daysFromToday(-30);
  const row = await db
    .insertInto('declarations')
    .values({
      org_id: orgId,
      ...placementColumns({ ...region, id: Number(region.id) }),
      kinds: ['会员（代表）大会'],
      title: overrides.title ?? '会员大会',
      planned_start_on: startOn,
      planned_end_on: overrides.endOn ?? startOn,
      place: '社区活动室',
      expected_participants: 60,
      amount_fen: 0,
      content: '换届',
      contact_name: '李明',
      status: overrides.status ?? 'approved',
      declared_by: declaredBy,
      declared_at: new Date(),
      summary_due_on: overrides.summaryDueOn === undefined ? addDays(overrides.endOn ?? startOn, 15) : overrides.summaryDueOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * What the browser tours show of declarations: a submitted one (with its review case) filed through the API by
 * `username` (community staff), an approved one of last month whose summary is overdue, and a ledger activity of
 * 60 people without a declaration (a flag). Returns the submitted declaration's id.
 */
export async function seedDeclarationPages(app: FastifyInstance, db: Kysely<DB>, username: string, password: string, orgId: number): Promise<number> {
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  const sid = login.cookies.find((c) => c.name === 'shezu_sid')!.value;
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/declarations',
    cookies: { shezu_sid: sid },
    headers: { 'x-csrf-token': login.json().csrfToken },
    payload: declarationBody(orgId, { submit: true }),
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  const userId = Number(login.json().user.id);
  await insertDeclaration(db, orgId, userId, { title: '重阳敬老游园会', startOn: daysFromToday(-30), summaryDueOn: daysFromToday(-3) });
  await insertActivity(db, orgId, userId, { title: '社区邻里节', participants: 60 });
  return created.json().id as number;
}
