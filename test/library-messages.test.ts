import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './app.js';
import { PLACES } from './factories.js';
import { finished, reportSheet, upload, workbook } from './sheets.js';
import { LIBRARY_MESSAGE } from '../src/shared/zod.js';

/**
 * Issue 11 item 5: no library's default message (zod's zhCN locale: `无效输入：期望 string，实际接收 number`,
 * `无效字符串：…`, `无效选项：…`; English `Invalid input: expected …`) ever reaches a user. Bad path parameters,
 * query strings and bodies are driven at every API route the app has, and a file of bad rows through the import.
 */
let t: TestApp;
let clients: Client[];
beforeAll(async () => {
  t = await createTestApp();
  clients = [await t.loginAs({ role: 'district_admin' }), await t.loginAs({ role: 'community_staff' }), await t.loginAs({ role: 'sysadmin', regionCode: null })];
});
afterAll(async () => t?.close());

/** Every string in a body, with where it is. */
function strings(value: unknown, at = ''): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${at}.${k}`));
  return [];
}

const GOOD_PARAMS: Record<string, string> = { id: '1', code: PLACES.cangkou, attachmentId: '1', number: 'BA-360802-2024-00001-ABCD' };
const BAD_PARAMS = ['abc', '0', '长'.repeat(30)];
const BAD_QUERIES = ['page=abc', 'page=0', 'pageSize=100000', 'sort=password_hash', 'evil=1', `q=${'长'.repeat(200)}`, 'region=x', 'form=robot', 'facets=maybe', 'year=二〇二四', 'hub=-3', 'status=1', 'asOf=yesterday', 'unmasked=perhaps'];
const WRONG_TYPES = {
  name: 5, population: 'many', ids: 'x', version: 'x', decision: 5, kind: 5, data: 5, field: 5, username: 5, displayName: [], role: 'x',
  regionCode: 5, phone: 5, password: 5, reason: 5, comment: 5, value: {}, legalForm: 'robot', category: 7, leaderIdNumber: 1, members: {},
  individualMembers: '三十', foundedOn: 20240101, currentPassword: 1, newPassword: [], year: 'x', overrides: 'x', targets: 5, orgId: 'x',
};
const BAD_BODIES: unknown[] = [{}, [], 'text', 42, { unexpected: true }, WRONG_TYPES, Object.fromEntries(Object.keys(WRONG_TYPES).map((k) => [k, null]))];

const fill = (url: string, params: (name: string) => string) => url.replace(/:([a-zA-Z]+)/g, (_m, name: string) => encodeURIComponent(params(name)));

describe('no library default message reaches a user', () => {
  it('in the 4xx bodies of every API route, for bad path parameters, query strings and bodies', async () => {
    const routes = t.app.routeList.filter((r) => r.url.startsWith('/api/v1') && !(r.method === 'POST' && r.url === '/api/v1/auth/logout'));
    expect(routes.length).toBeGreaterThan(30);
    const seen: string[] = [];
    let fourXX = 0;
    for (const route of routes) {
      const hasBody = !['GET', 'DELETE', 'HEAD'].includes(route.method);
      const requests: { url: string; payload?: unknown }[] = [];
      if (route.url.includes(':')) for (const bad of BAD_PARAMS) requests.push({ url: fill(route.url, () => bad), payload: hasBody ? {} : undefined });
      const good = fill(route.url, (n) => GOOD_PARAMS[n] ?? '1');
      for (const q of BAD_QUERIES) requests.push({ url: `${good}?${q}`, payload: hasBody ? {} : undefined });
      if (hasBody) for (const payload of BAD_BODIES) requests.push({ url: good, payload });
      for (const c of clients) {
        for (const r of requests) {
          const res = await c.request({ method: route.method as 'GET', url: r.url, ...(r.payload !== undefined ? { payload: r.payload as object } : {}) });
          if (res.statusCode < 400 || res.statusCode >= 500) {
            expect(res.statusCode, `${route.method} ${r.url}`).toBeLessThan(500);
            continue;
          }
          fourXX++;
          if (!(res.headers['content-type'] ?? '').toString().includes('json')) continue;
          const body = res.json();
          expect(body.error?.message, `${route.method} ${r.url}`).toMatch(/[\u4e00-\u9fff]/);
          for (const [at, text] of strings(body)) {
            if (at.startsWith('.error.code')) continue;
            seen.push(text);
            expect(text, `${route.method} ${r.url} ${JSON.stringify(r.payload)} ${at}`).not.toMatch(LIBRARY_MESSAGE);
          }
        }
      }
    }
    expect(fourXX).toBeGreaterThan(500);
    // The requests did reach the schemas: field messages of several kinds came back.
    expect(seen).toEqual(expect.arrayContaining(['不允许的字段', '页码应填写数字', '版本号应填写数字', '名称应填写文字', '个人会员数须为整数']));
  }, 120_000);

  it('in the row report of an import of bad rows', async () => {
    const staff = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
    const headers = ['名称', '组织形式', '类别', '所在社区', '所在区划代码', '负责人', '负责人身份证号', '联系电话', '个人会员数', '单位会员数', '成立日期', '状态', '统一社会信用代码', '地址', '证书编号', '宗旨'];
    const long = (n: number) => '长'.repeat(n);
    const job = await finished(staff, (await upload(staff, 'bad.xlsx', await workbook([
      headers,
      ['甲', '机器人', '不存在的类别', '不存在的社区', null, long(41), '12345', '电话', '三十', -2, '去年', '飞走了', 'ABC', long(201), long(41), long(2001)],
      [long(101), '社会团体', '文体活动', null, '99', null, Number('360802197001011234'), '0796-1', '1.5', '2人', '2999-01-01', null, '53360802MJH244830X', null, null, null],
      ['仓口坏行队', '备案', '文体活动', null, null, null, null, null, null, null, '1900-01-01', null, '5336', null, null, null],
      ['新村坏行队', '基金会', '', '新村', null, null, null, null, 1e9, null, null, null, null, null, null, null],
    ]))).json().id);
    expect(job.rejected).toBe(4);
    const problems = await reportSheet(staff, job.reportUrl, '错误明细');
    expect(problems.length).toBeGreaterThan(15);
    for (const p of problems) {
      expect(p.column, JSON.stringify(p)).toMatch(/[\u4e00-\u9fff]/);
      expect(p.message, JSON.stringify(p)).toMatch(/[\u4e00-\u9fff]/);
      expect(p.message, JSON.stringify(p)).not.toMatch(LIBRARY_MESSAGE);
    }
  });
});
