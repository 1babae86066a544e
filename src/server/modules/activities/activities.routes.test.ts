import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { createTestOrg, createTestUser, PLACES } from '../../../../test/factories.js';
import { isSealedBytes } from '../../lib/personal-data.js';

let t: TestApp;
let staff: Client;
let orgId: number;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou });
  orgId = (await createTestOrg(t.database.db, { name: '仓口社区夕阳红舞蹈队' })).id;
});
afterAll(async () => t?.close());

const activityBody = (over: Record<string, unknown> = {}) => ({
  startsAt: '2026-05-10T09:00+08:00',
  endsAt: '2026-05-10T11:00+08:00',
  title: '端午包粽子邻里活动',
  activityType: '文体活动',
  place: '仓口社区活动室',
  participants: 36,
  volunteers: 4,
  volunteerMinutes: 480,
  ...over,
});

function multipart(filename: string, content: Buffer) {
  const boundary = '----act' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const uploadTo = (c: Client, url: string, filename: string, content: Buffer) => c.request({ method: 'POST', url, ...multipart(filename, content) });
const del = (c: Client, id: number, payload?: unknown) => c.request({ method: 'DELETE', url: `/api/v1/activities/${id}`, ...(payload === undefined ? {} : { payload: payload as object }) });

const totals = async () =>
  (await sql<{ month: string; activity_type: string; activities: number; participants: string }>`select to_char(month, 'YYYY-MM') as month, activity_type, activities, participants from ledger_month_totals where activities <> 0 order by 1, 2`.execute(t.database.db)).rows.map((r) => ({ ...r, participants: Number(r.participants) }));

describe('the activity ledger', () => {
  it('enters, edits with history, and deletes with a reason, keeping the month totals and the last activity day in step', async () => {
    const created = await staff.post(`/api/v1/orgs/${orgId}/activities`, activityBody());
    expect(created.statusCode, created.body).toBe(201);
    const a = created.json();
    expect(a).toMatchObject({ orgId, heldOn: '2026-05-10', enteredAs: 'community', version: 1, canDelete: true, photos: [], signin: null });
    expect(await totals()).toEqual([{ month: '2026-05', activity_type: '文体活动', activities: 1, participants: 36 }]);

    // An edit moves it to June and changes the count: the totals follow, the history keeps old → new.
    const stale = await staff.patch(`/api/v1/activities/${a.id}`, { version: 9, participants: 40 });
    expect(stale.statusCode).toBe(409);
    const edited = await staff.patch(`/api/v1/activities/${a.id}`, { version: 1, participants: 40, startsAt: '2026-06-01T00:30+08:00', endsAt: '2026-06-01T02:00+08:00', reason: '补录人数' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, heldOn: '2026-06-01', participants: 40 });
    expect(await totals()).toEqual([{ month: '2026-06', activity_type: '文体活动', activities: 1, participants: 40 }]);
    const org = await t.database.db.selectFrom('orgs').select('last_activity_on').where('id', '=', orgId).executeTakeFirstOrThrow();
    expect(org.last_activity_on).toBe('2026-06-01');
    const history = (await staff.get(`/api/v1/activities/${a.id}/history`)).json().items;
    expect(history[0]).toMatchObject({ action: 'update', reason: '补录人数', changes: { participants: { from: 36, to: 40 } } });
    expect(history[0].changes.startsAt).toEqual({ from: '2026-05-10T01:00:00.000Z', to: '2026-05-31T16:30:00.000Z' });

    // Deleting needs a reason; the organization's own leader who did not enter it may not.
    expect((await del(staff, a.id)).statusCode).toBe(400);
    const leader = await createTestUser(t.database.db, { role: 'org_leader' });
    await t.database.db.updateTable('users').set({ org_id: orgId }).where('id', '=', leader.id).execute();
    const leaderClient = await t.login(leader.username);
    expect((await leaderClient.get(`/api/v1/activities/${a.id}`)).json().canDelete).toBe(false);
    expect((await del(leaderClient, a.id, { reason: '重复' })).statusCode).toBe(403);
    expect((await del(staff, a.id, { reason: '重复登记' })).statusCode).toBe(200);
    expect(await totals()).toEqual([]);
    expect((await staff.get(`/api/v1/activities/${a.id}`)).statusCode).toBe(404);
    const after = await t.database.db.selectFrom('orgs').select('last_activity_on').where('id', '=', orgId).executeTakeFirstOrThrow();
    expect(after.last_activity_on).toBeNull();
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'activity').where('entity_id', '=', String(a.id)).orderBy('id').execute();
    expect(audit.map((x) => x.action)).toEqual(['activity.create', 'activity.update', 'activity.delete']);

    // The leader enters for their own organization, as the leader; the author may delete their own.
    const own = await leaderClient.post(`/api/v1/orgs/${orgId}/activities`, activityBody({ title: '队员例会' }));
    expect(own.json()).toMatchObject({ enteredAs: 'leader', canDelete: true });
    expect((await del(leaderClient, own.json().id, { reason: '录错组织' })).statusCode).toBe(200);
  });

  it("checks the type against the district's list, but lets an edit keep a type no longer listed", async () => {
    const bad = await staff.post(`/api/v1/orgs/${orgId}/activities`, activityBody({ activityType: '打麻将' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.activityType).toMatch(/文体活动/);
    const endBefore = await staff.post(`/api/v1/orgs/${orgId}/activities`, activityBody({ endsAt: '2026-05-10T08:00+08:00' }));
    expect(endBefore.json().error.fields.endsAt).toBe('结束时间不能早于开始时间');
    const a = (await staff.post(`/api/v1/orgs/${orgId}/activities`, activityBody({ activityType: '议事协商' }))).json();
    const district = await t.database.db.selectFrom('regions').select('id').where('code', '=', PLACES.jizhou).executeTakeFirstOrThrow();
    await t.database.db.insertInto('district_settings').values({ region_id: district.id, key: 'ledger', value: JSON.stringify({ activityTypes: ['文体活动'], dormancyMonths: 12 }), updated_at: new Date(), updated_by: null }).execute();
    const kept = await staff.patch(`/api/v1/activities/${a.id}`, { version: a.version, title: '楼道议事会', activityType: '议事协商' });
    expect(kept.statusCode, kept.body).toBe(200);
    expect((await staff.patch(`/api/v1/activities/${a.id}`, { version: kept.json().version, activityType: '培训讲座' })).json().error.fields.activityType).toMatch(/文体活动/);
    await t.database.db.deleteFrom('district_settings').where('key', '=', 'ledger').execute();
    expect((await del(staff, a.id, { reason: '测试' })).statusCode).toBe(200);
  });

  it('keeps other communities out', async () => {
    const other = await t.loginAs({ role: 'community_staff', regionCode: PLACES.xincun });
    expect((await other.post(`/api/v1/orgs/${orgId}/activities`, activityBody())).statusCode).toBe(404);
    expect((await other.get(`/api/v1/orgs/${orgId}/activities`)).statusCode).toBe(404);
  });
});

describe('photos and the sign-in sheet', () => {
  let id: number;
  beforeAll(async () => {
    id = (await staff.post(`/api/v1/orgs/${orgId}/activities`, activityBody({ title: '重阳节敬老' }))).json().id;
  });

  it('resizes a photo, turns it upright, strips EXIF with GPS, and makes a thumbnail', async () => {
    // 2400×1200 stored with EXIF orientation 6 (rotate 90°) and a GPS position.
    const photo = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: '#c33' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD0: { Make: 'TestPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '27/1 7/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '114/1 58/1 0/1' } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const res = await uploadTo(staff, `/api/v1/activities/${id}/photos`, 'IMG_0001.JPG', photo);
    expect(res.statusCode, res.body).toBe(201);
    // Upright: the long side is now the height, scaled to 1600.
    expect(res.json()).toMatchObject({ kind: 'photo', mimeType: 'image/jpeg', width: 800, height: 1600, filename: 'IMG_0001.jpg' });
    const full = await staff.get(`/api/v1/activities/${id}/files/${res.json().id}`);
    expect(full.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(full.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(full.rawPayload.includes(Buffer.from('TestPhone'))).toBe(false);
    const thumb = await sharp((await staff.get(`/api/v1/activities/${id}/files/${res.json().id}?size=thumb`)).rawPayload).metadata();
    expect(Math.max(thumb.width!, thumb.height!)).toBe(320);
    const stored = await t.database.db.selectFrom('activity_files').select('content').where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(isSealedBytes(stored.content)).toBe(true);
  });

  it('recognizes images by content, not by name, and stops at nine', async () => {
    const text = await uploadTo(staff, `/api/v1/activities/${id}/photos`, 'photo.jpg', Buffer.from('not an image at all'));
    expect(text.statusCode).toBe(400);
    expect(text.json().error.fields.file).toMatch(/JPG 或 PNG/);
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3c3' } }).png().toBuffer();
    const named = await uploadTo(staff, `/api/v1/activities/${id}/photos`, 'scan.pdf', png);
    expect(named.json()).toMatchObject({ mimeType: 'image/png', filename: 'scan.png', width: 40 });
    const broken = Buffer.concat([png.subarray(0, 40)]);
    expect((await uploadTo(staff, `/api/v1/activities/${id}/photos`, 'b.png', broken)).json().error.fields.file).toMatch(/损坏/);
    for (let i = 2; i < 9; i++) expect((await uploadTo(staff, `/api/v1/activities/${id}/photos`, `p${i}.png`, png)).statusCode).toBe(201);
    const tenth = await uploadTo(staff, `/api/v1/activities/${id}/photos`, 'p10.png', png);
    expect(tenth.statusCode).toBe(400);
    expect(tenth.json().error.fields.file).toMatch(/最多 9 张/);
    const files = (await staff.get(`/api/v1/activities/${id}/files`)).json().items;
    expect(files).toHaveLength(9);
    expect((await staff.delete(`/api/v1/activities/${id}/files/${files[8].id}`)).statusCode).toBe(200);
    expect((await staff.get(`/api/v1/activities/${id}`)).json().photos).toHaveLength(8);
  });

  it('stores one sign-in sheet sealed, replacing the previous one', async () => {
    const pdf = Buffer.from('%PDF-1.4\n签到 张三 李四\n%%EOF\n');
    const first = await uploadTo(staff, `/api/v1/activities/${id}/signin`, '签到表.pdf', pdf);
    expect(first.statusCode, first.body).toBe(201);
    const second = await uploadTo(staff, `/api/v1/activities/${id}/signin`, '签到表2.pdf', pdf);
    expect(second.json()).toMatchObject({ kind: 'signin', mimeType: 'application/pdf', filename: '签到表2.pdf' });
    expect((await staff.get(`/api/v1/activities/${id}`)).json().signin.id).toBe(second.json().id);
    const raw = await t.database.db.selectFrom('activity_files').select('content').where('id', '=', second.json().id).executeTakeFirstOrThrow();
    expect(isSealedBytes(raw.content)).toBe(true);
    expect((await staff.get(`/api/v1/activities/${id}/files/${second.json().id}`)).rawPayload.equals(pdf)).toBe(true);
    expect((await uploadTo(staff, `/api/v1/activities/${id}/signin`, 'x.docx', Buffer.from('PK\x03\x04zzzz'))).statusCode).toBe(400);
  });
});

describe('the entry page picker', () => {
  it('offers the organizations the actor may enter for', async () => {
    const items = (await staff.get('/api/v1/activities/orgs?q=夕阳红')).json().items;
    expect(items).toEqual([expect.objectContaining({ id: orgId, name: '仓口社区夕阳红舞蹈队' })]);
    const other = await t.loginAs({ role: 'community_staff', regionCode: PLACES.xincun });
    expect((await other.get('/api/v1/activities/orgs?q=夕阳红')).json().items).toEqual([]);
    const reviewer = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
    expect((await reviewer.get('/api/v1/activities/orgs')).statusCode).toBe(403);
  });
});
