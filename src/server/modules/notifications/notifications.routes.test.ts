import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { createTestUser, PLACES } from '../../../../test/factories.js';
import { contextOf, submitTestItem } from '../../../../test/review-subject.js';
import { submitCase } from '../reviews/index.js';
import { notify } from './index.js';

let t: TestApp;
let me: Client;
let other: Client;
beforeAll(async () => {
  t = await createTestApp();
  me = await t.loginAs({ role: 'community_staff' });
  other = await t.loginAs({ role: 'org_leader' });
});
afterAll(async () => t?.close());

const audits = (userId: number, action: string) =>
  t.database.db.selectFrom('audit_log').select(['action', 'entity_id']).where('actor_id', '=', userId).where('action', '=', action).execute();

describe('the inbox', () => {
  it('requires a session', async () => {
    expect((await t.anonymous().get('/api/v1/notifications')).statusCode).toBe(401);
    expect((await t.anonymous().get('/api/v1/notifications/count')).statusCode).toBe(401);
  });

  it('lists one’s own notifications, unread first, with the unread count; marks one and all read, audited', async () => {
    const db = t.database.db;
    for (const title of ['第一条', '第二条', '第三条']) await notify(db, { userIds: [me.userId!], kind: 'test', title, link: '/reviews' });
    await notify(db, { userIds: [other.userId!], kind: 'test', title: '别人的' });
    const list = await me.get('/api/v1/notifications');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 3, unread: 3 });
    expect(list.json().items.map((n: { title: string }) => n.title)).toEqual(['第三条', '第二条', '第一条']);
    expect((await me.get('/api/v1/notifications/count')).json()).toEqual({ unread: 3 });

    const first = list.json().items[2];
    const read = await me.post(`/api/v1/notifications/${first.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toEqual(expect.any(String));
    expect(await audits(me.userId!, 'notification.read')).toEqual([{ action: 'notification.read', entity_id: String(first.id) }]);
    // Read again: nothing changes, nothing more is audited.
    expect((await me.post(`/api/v1/notifications/${first.id}/read`)).json().readAt).toBe(read.json().readAt);
    expect(await audits(me.userId!, 'notification.read')).toHaveLength(1);

    // Unread first, then the read one; the filter keeps only the unread.
    const after = await me.get('/api/v1/notifications');
    expect(after.json().items.map((n: { title: string }) => n.title)).toEqual(['第三条', '第二条', '第一条']);
    const unreadFirst = await me.get('/api/v1/notifications?order=unread_first&filter=all');
    expect(unreadFirst.json().items.at(-1).readAt).not.toBeNull();
    expect((await me.get('/api/v1/notifications?filter=unread')).json()).toMatchObject({ total: 2, unread: 2 });
    expect((await me.get('/api/v1/notifications?pageSize=1&page=2&order=newest')).json().items.map((n: { title: string }) => n.title)).toEqual(['第二条']);

    const all = await me.post('/api/v1/notifications/read-all');
    expect(all.json()).toEqual({ marked: 2, unread: 0 });
    expect(await audits(me.userId!, 'notification.read_all')).toHaveLength(1);
    expect((await me.post('/api/v1/notifications/read-all')).json()).toEqual({ marked: 0, unread: 0 });
    expect(await audits(me.userId!, 'notification.read_all')).toHaveLength(1);
    // The other account's stays unread.
    expect((await other.get('/api/v1/notifications/count')).json()).toEqual({ unread: 1 });
  });

  it('never shows or marks another account’s notification', async () => {
    await notify(t.database.db, { userIds: [other.userId!], kind: 'test', title: '只给负责人' });
    const theirs = (await other.get('/api/v1/notifications')).json().items[0];
    const res = await me.post(`/api/v1/notifications/${theirs.id}/read`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('notification.not_found');
    expect((await me.get('/api/v1/notifications')).json().items.some((n: { id: number }) => n.id === theirs.id)).toBe(false);
  });

  it('refuses bad paging and filters with field messages', async () => {
    const res = await me.get('/api/v1/notifications?filter=some&page=0');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toMatchObject({ filter: '筛选应为 all 或 unread', page: '页码从 1 开始' });
    expect((await me.post('/api/v1/notifications/abc/read')).statusCode).toBe(400);
  });

  it('tells each account once and keeps links inside the app', async () => {
    const db = t.database.db;
    const u = await createTestUser(db, { role: 'expert' });
    expect(await notify(db, { userIds: [u.id, u.id], kind: 'test', title: 'x'.repeat(300), link: 'https://example.com/' })).toBe(1);
    const row = await db.selectFrom('notifications').selectAll().where('recipient_id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.link).toBeNull();
    await notify(db, { userIds: [u.id], kind: 'test', title: 'y', link: '//example.com/x' });
    await notify(db, { userIds: [u.id], kind: 'test', title: 'z', link: '/orgs/1' });
    const links = await db.selectFrom('notifications').select('link').where('recipient_id', '=', u.id).orderBy('id').execute();
    expect(links.map((l) => l.link)).toEqual([null, null, '/orgs/1']);
    expect(row.title.length).toBe(200);
    expect(await notify(db, { userIds: [], kind: 'test', title: 'nobody' })).toBe(0);
  });
});

describe('decisions reach the submitter (every subject kind, from the review chain)', () => {
  it('a return with its reason, then an approval moving on, then the final decision', async () => {
    const db = t.database.db;
    const submitter = await t.loginAs({ role: 'community_staff', regionCode: PLACES.xincun });
    const community = await t.loginAs({ role: 'community_staff', regionCode: PLACES.xincun });
    const street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
    const { item, case: c } = await submitTestItem(db, submitter.userId!, PLACES.xincun);
    const ret = await community.post(`/api/v1/reviews/${c.id}/decide`, { decision: 'return', opinion: '请补充会员名单' });
    expect(ret.statusCode, ret.body).toBe(200);
    let items = (await submitter.get('/api/v1/notifications?order=newest')).json().items;
    expect(items[0]).toMatchObject({ kind: 'review.return', title: `测试事项「${item.title}」被退回补正（社区预审）`, body: '退回意见：请补充会员名单', link: `/test-items/${item.id}`, subject: { kind: 'test_item', id: item.id }, readAt: null });

    // Resubmitted (the same case goes back to the community step), approved there, then at the street.
    await submitCase(db, await contextOf(db, submitter.userId!), { kind: 'test_item', subjectId: item.id, title: item.title, regionId: Number(c.region_id) });
    expect((await community.post(`/api/v1/reviews/${c.id}/decide`, { decision: 'approve' })).statusCode).toBe(200);
    items = (await submitter.get('/api/v1/notifications?order=newest')).json().items;
    expect(items[0]).toMatchObject({ kind: 'review.advance', title: `测试事项「${item.title}」已通过社区预审，转街道（乡镇）资格审查` });
    expect((await street.post(`/api/v1/reviews/${c.id}/decide`, { decision: 'approve', opinion: '材料齐全' })).statusCode).toBe(200);
    items = (await submitter.get('/api/v1/notifications?order=newest')).json().items;
    expect(items[0]).toMatchObject({ kind: 'review.approve', title: `测试事项「${item.title}」已审核通过`, body: '意见：材料齐全' });
    // The reviewers are not told of their own decisions, nor is staff deciding at their own step on what they filed.
    expect((await community.get('/api/v1/notifications/count')).json()).toEqual({ unread: 0 });
    const own = await submitTestItem(db, community.userId!, PLACES.xincun);
    expect((await community.post(`/api/v1/reviews/${own.case.id}/decide`, { decision: 'approve' })).statusCode).toBe(200);
    expect((await community.get('/api/v1/notifications/count')).json()).toEqual({ unread: 0 });
  });

  it('a rejection with its reason; a decision rolled back tells nobody', async () => {
    const db = t.database.db;
    const submitter = await t.loginAs({ role: 'community_staff', regionCode: PLACES.xincun });
    const community = await t.loginAs({ role: 'community_staff', regionCode: PLACES.xincun });
    const { item, case: c } = await submitTestItem(db, submitter.userId!, PLACES.xincun);
    expect((await community.post(`/api/v1/reviews/${c.id}/decide`, { decision: 'reject', opinion: '属于禁止类组织' })).statusCode).toBe(200);
    const items = (await submitter.get('/api/v1/notifications')).json().items;
    expect(items[0]).toMatchObject({ kind: 'review.reject', body: '理由：属于禁止类组织', title: `测试事项「${item.title}」不予通过（社区预审）` });

    // The subject's effect fails on approval: the decision, and its notice, are rolled back together.
    const failing = await submitTestItem(db, submitter.userId!, PLACES.xincun, { failOnApprove: true });
    const street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
    expect((await community.post(`/api/v1/reviews/${failing.case.id}/decide`, { decision: 'approve' })).statusCode).toBe(200);
    const before = (await submitter.get('/api/v1/notifications/count')).json().unread;
    expect((await street.post(`/api/v1/reviews/${failing.case.id}/decide`, { decision: 'approve' })).statusCode).toBe(400);
    expect((await submitter.get('/api/v1/notifications/count')).json().unread).toBe(before);
  });
});
