import sharp from 'sharp';
import { defineAccessCases, type MatrixKit } from '../../../../test/access-matrix/kit.js';
import { sealBytes } from '../../lib/personal-data.js';
import { applyTotals, heldOnOf } from './index.js';

/**
 * The ledger routes in the authorization matrix (test/access-matrix.test.ts). A leader and a hub manager reach only
 * their own organization (and the hub's members), so the matrix's unlinked ones see 404 on every organization's ledger.
 */
const OWN_ONLY = ['hub_manager', 'org_leader'] as const;
const PNG = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).png().toBuffer();

/** A fresh activity of the organization, entered by the target community's staff (so its community may delete it). */
async function newActivity(kit: MatrixKit, orgId: number, enteredBy: number): Promise<number> {
  const db = kit.t.database.db;
  const org = await db.selectFrom('orgs').selectAll().where('id', '=', orgId).executeTakeFirstOrThrow();
  const startsAt = '2026-04-18T09:00:00+08:00';
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('activities')
      .values({
        org_id: orgId, region_id: org.region_id, level1_id: org.level1_id, level2_id: org.level2_id, level3_id: org.level3_id, level4_id: org.level4_id, level5_id: org.level5_id, level6_id: org.level6_id,
        starts_at: startsAt, ends_at: startsAt, held_on: heldOnOf(startsAt), title: '矩阵活动', activity_type: '文体活动', place: '活动室', participants: 10, entered_by: enteredBy, entered_as: 'community',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await applyTotals(trx, [{ region_id: row.region_id, held_on: row.held_on, activity_type: row.activity_type, participants: 10, beneficiaries: 0, volunteers: 0, volunteer_minutes: 0 }], 1);
    return Number(row.id);
  });
}

async function newPhoto(kit: MatrixKit, activityId: number): Promise<number> {
  const row = await kit.t.database.db
    .insertInto('activity_files')
    .values({ activity_id: activityId, kind: 'photo', filename: 'p.png', mime_type: 'image/png', size_bytes: PNG.length, width: 8, height: 8, content: sealBytes(PNG), thumbnail: PNG, uploaded_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

function upload(filename: string, content: Buffer) {
  const b = 'matrixactivity';
  const payload = Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`), content, Buffer.from(`\r\n--${b}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

const body = (n: number) => ({ startsAt: '2026-04-20T09:00+08:00', endsAt: '2026-04-20T10:00+08:00', title: `矩阵登记活动${n}`, activityType: '志愿服务', place: '社区广场', participants: 12 });

export default defineAccessCases({
  routes: [
    { method: 'GET', url: '/api/v1/orgs/:id/activities', permission: 'activity.read', placed: true, ownOnly: [...OWN_ONLY], request: (c, t) => c.get(`/api/v1/orgs/${t.orgId}/activities`) },
    { method: 'POST', url: '/api/v1/orgs/:id/activities', permission: 'activity.write', placed: true, ownOnly: [...OWN_ONLY], request: (c, t, n) => c.post(`/api/v1/orgs/${t.orgId}/activities`, body(n)) },
    { method: 'GET', url: '/api/v1/orgs/:id/dormancy', permission: 'activity.read', placed: true, ownOnly: [...OWN_ONLY], request: (c, t) => c.get(`/api/v1/orgs/${t.orgId}/dormancy`) },
    {
      method: 'GET', url: '/api/v1/activities/:id', permission: 'activity.read', placed: true, ownOnly: [...OWN_ONLY],
      request: async (c, t, _n, kit) => c.get(`/api/v1/activities/${await newActivity(kit, t.orgId, t.userId)}`),
    },
    {
      method: 'PATCH', url: '/api/v1/activities/:id', permission: 'activity.write', placed: true, ownOnly: [...OWN_ONLY],
      request: async (c, t, n, kit) => c.patch(`/api/v1/activities/${await newActivity(kit, t.orgId, t.userId)}`, { version: 1, participants: 10 + n }),
    },
    {
      method: 'DELETE', url: '/api/v1/activities/:id', permission: 'activity.write', placed: true, ownOnly: [...OWN_ONLY],
      request: async (c, t, _n, kit) => c.request({ method: 'DELETE', url: `/api/v1/activities/${await newActivity(kit, t.orgId, t.userId)}`, payload: { reason: '矩阵测试删除' } }),
    },
    {
      method: 'GET', url: '/api/v1/activities/:id/history', permission: 'activity.read', placed: true, ownOnly: [...OWN_ONLY],
      request: async (c, t, _n, kit) => c.get(`/api/v1/activities/${await newActivity(kit, t.orgId, t.userId)}/history`),
    },
    {
      method: 'GET', url: '/api/v1/activities/:id/files', permission: 'activity.read', placed: true, ownOnly: [...OWN_ONLY],
      request: async (c, t, _n, kit) => c.get(`/api/v1/activities/${await newActivity(kit, t.orgId, t.userId)}/files`),
    },
    {
      method: 'POST', url: '/api/v1/activities/:id/photos', permission: 'activity.write', placed: true, ownOnly: [...OWN_ONLY],
      request: async (c, t, _n, kit) => c.request({ method: 'POST', url: `/api/v1/activities/${await newActivity(kit, t.orgId, t.userId)}/photos`, ...upload('p.png', PNG) }),
    },
    {
      method: 'POST', url: '/api/v1/activities/:id/signin', permission: 'activity.write', placed: true, ownOnly: [...OWN_ONLY],
      request: async (c, t, _n, kit) => c.request({ method: 'POST', url: `/api/v1/activities/${await newActivity(kit, t.orgId, t.userId)}/signin`, ...upload('s.pdf', Buffer.from('%PDF-1.4 sign-in')) }),
    },
    {
      method: 'GET', url: '/api/v1/activities/:id/files/:fileId', permission: 'activity.read', placed: true, ownOnly: [...OWN_ONLY],
      request: async (c, t, _n, kit) => {
        const id = await newActivity(kit, t.orgId, t.userId);
        return c.get(`/api/v1/activities/${id}/files/${await newPhoto(kit, id)}?size=thumb`);
      },
    },
    {
      method: 'DELETE', url: '/api/v1/activities/:id/files/:fileId', permission: 'activity.write', placed: true, ownOnly: [...OWN_ONLY],
      request: async (c, t, _n, kit) => {
        const id = await newActivity(kit, t.orgId, t.userId);
        return c.delete(`/api/v1/activities/${id}/files/${await newPhoto(kit, id)}`);
      },
    },
    { method: 'GET', url: '/api/v1/activities/orgs', permission: 'activity.write', placed: false, request: (c) => c.get('/api/v1/activities/orgs?q=矩阵') },
    { method: 'GET', url: '/api/v1/ledger', permission: 'ledger.read', placed: true, request: (c, t) => c.get(`/api/v1/ledger?region=${t.region}`) },
    { method: 'GET', url: '/api/v1/ledger/orgs', permission: 'ledger.read', placed: true, request: (c, t) => c.get(`/api/v1/ledger/orgs?region=${t.region}`) },
    { method: 'GET', url: '/api/v1/ledger/dormant', permission: 'ledger.read', placed: true, request: (c, t) => c.get(`/api/v1/ledger/dormant?region=${t.region}&list=1`) },
  ],
});
