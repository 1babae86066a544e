import type { Client } from './app.js';
import { makeResidentId } from './factories.js';

/** A multipart body with a `kind` field then a `file` (the order the server reads them in). */
export function multipart(kind: string, filename: string, content: Buffer | string, type = 'application/pdf') {
  const b = `shezu${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${b}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n--${b}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  return { payload: Buffer.concat([head, Buffer.from(content), Buffer.from(`\r\n--${b}--\r\n`)]), contentType: `multipart/form-data; boundary=${b}` };
}

export const PDF_BYTES = Buffer.from('%PDF-1.4\n%test\n');

export function upload(c: Client, applicationId: number, kind: string) {
  const m = multipart(kind, `${kind}.pdf`, PDF_BYTES);
  return c.request({ method: 'POST', url: `/api/v1/applications/${applicationId}/attachments`, payload: m.payload, headers: { 'content-type': m.contentType } });
}

export async function uploadRequired(c: Client, applicationId: number) {
  for (const kind of ['charter', 'leader_id', 'venue_proof', 'member_list']) {
    const res = await upload(c, applicationId, kind);
    if (res.statusCode !== 201) throw new Error(`upload ${kind}: ${res.statusCode} ${res.body}`);
  }
}

let n = 0;
/** A complete establishment: 22 individual members, a charter naming the leader, purpose and activities. */
export function establishmentData(regionCode: string, name = `测试广场舞队${++n}`) {
  const leaderName = '王秀兰';
  return {
    org: {
      name,
      legalForm: 'filed',
      category: '文体活动',
      regionCode,
      address: '仓口社区活动中心',
      leaderName,
      leaderIdNumber: makeResidentId('360802', '19620504', 40 + n),
      leaderPhone: '13907960001',
      individualMembers: 22,
      unitMembers: 0,
      purpose: '丰富居民文化生活，倡导健康生活方式',
      activities: '组织广场舞排练与社区文艺演出',
      venue: '仓口社区文化广场',
    },
    members: Array.from({ length: 22 }, (_, i) => ({ name: `成员${i + 1}`, kind: 'individual' as const })),
    charter: `第一条 本组织名称为${name}。第二条 本组织宗旨：丰富居民文化生活。第三条 活动内容：广场舞排练与演出。第四条 负责人：${leaderName}。`,
  };
}

/** Creates, completes and submits an establishment filing as `c`; returns the application id. */
export async function submitFiling(c: Client, regionCode: string, name?: string): Promise<number> {
  const res = await c.post('/api/v1/applications', { kind: 'filing', data: establishmentData(regionCode, name) });
  if (res.statusCode !== 201) throw new Error(`create: ${res.statusCode} ${res.body}`);
  const id = res.json().id as number;
  await uploadRequired(c, id);
  const submitted = await c.post(`/api/v1/applications/${id}/submit`);
  if (submitted.statusCode !== 200) throw new Error(`submit: ${submitted.statusCode} ${submitted.body}`);
  return id;
}
