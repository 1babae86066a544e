import { describe, expect, it } from 'vitest';
import { LIBRARY_MESSAGE, issueMessage, z } from './zod.js';
import { OrgFields } from './schemas/orgs.js';

const messages = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  expect(r.success).toBe(false);
  return r.error!.issues.map((i) => i.message);
};

describe('the shared error map', () => {
  it('gives every issue kind a Chinese sentence about the field, never the library default', () => {
    const S = z.strictObject({
      name: z.string(),
      pageSize: z.number().int().min(1).max(200),
      phone: z.string().regex(/^1\d{10}$/),
      role: z.enum(['a', 'b']),
      members: z.array(z.string()).min(1).max(2),
      q: z.string().min(3).max(5),
      flag: z.boolean(),
      date: z.iso.date(),
      value: z.union([z.string(), z.number()]),
      version: z.number().multipleOf(5),
      id: z.literal(7),
      kind: z.string().refine(() => false),
    });
    const bad = { name: 5, pageSize: 1.5, phone: 'x', role: 'c', members: [], q: 'toolong', flag: 'yes', date: '2024/1/1', value: true, version: 3, id: 8, kind: 'x', extra: 1 };
    const all = messages(S, bad);
    expect(all.length).toBeGreaterThanOrEqual(12);
    for (const m of all) {
      expect(m).toMatch(/[\u4e00-\u9fff]/);
      expect(m).not.toMatch(LIBRARY_MESSAGE);
    }
    expect(all).toEqual(expect.arrayContaining(['名称应填写文字', '每页条数应填写整数', '角色应为以下之一：a、b', '不允许的字段：extra', '搜索内容不超过 5 个字', '日期应填写日期（如 2024-05-01）']));
  });

  it('says what is missing, too small or too big', () => {
    expect(messages(z.object({ page: z.number() }), {})).toEqual(['请填写页码']);
    expect(messages(z.object({ page: z.coerce.number().int().min(1) }), { page: '0' })).toEqual(['页码不能小于 1']);
    expect(messages(z.object({ page: z.coerce.number() }), { page: 'abc' })).toEqual(['页码应填写数字']);
    expect(messages(z.object({ population: z.number().max(1_000_000) }), { population: 2_000_000 })).toEqual(['常住人口不能大于 1,000,000']);
  });

  it('names the registry fields by their column labels, and a schema’s own message wins', () => {
    const m = messages(OrgFields, { name: '仓口合唱团', legalForm: 'filed', category: '文体活动', regionCode: '360802003009', individualMembers: '30', address: 5 });
    expect(m).toEqual(expect.arrayContaining(['个人会员数须为整数', '地址应填写文字']));
  });

  it('recognizes the library wording it keeps out', () => {
    z.config({ customError: undefined });
    try {
      z.config(z.locales.zhCN());
      const raw = z.object({ a: z.string() }).safeParse({ a: 1 }).error!.issues[0].message;
      expect(raw).toMatch(LIBRARY_MESSAGE);
    } finally {
      z.config({ localeError: undefined, customError: issueMessage });
    }
  });
});
