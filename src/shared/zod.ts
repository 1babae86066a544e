import { z } from 'zod';

/**
 * Every validation message is a plain Chinese sentence about the field, on server and web alike (issue 11 item 5).
 * A schema's own message (`名称至少 2 个字`) wins; every other issue gets one from `issueMessage` below, never the
 * library's default (the zhCN locale's `无效输入：期望 string，实际接收 number` speaks of types, not of the field).
 */

/** Field names → the words a user sees; modules add theirs (the registry its column labels). */
const FIELD_LABELS = new Map<string, string>(
  Object.entries({
    page: '页码',
    pageSize: '每页条数',
    q: '搜索内容',
    sort: '排序方式',
    username: '用户名',
    displayName: '姓名',
    role: '角色',
    phone: '电话',
    password: '密码',
    population: '常住人口',
    version: '版本号',
    reason: '原因',
    decision: '审核结论',
    comment: '意见',
    kind: '类型',
    ids: '编号列表',
    id: '编号',
    year: '年份',
    date: '日期',
    value: '取值',
    members: '成员名单',
    charter: '章程',
    field: '字段',
    form: '组织形式',
    flag: '标记',
    facets: '分面统计',
    hub: '所属联合会',
    unmasked: '导出明文',
    asOf: '统计日期',
    filename: '文件名',
  }),
);

export function registerFieldLabels(labels: Record<string, string>): void {
  for (const [k, v] of Object.entries(labels)) if (!FIELD_LABELS.has(k)) FIELD_LABELS.set(k, v);
}

/** The label of the field an issue is about: the last named segment of its path, else “此项”. */
export function fieldLabel(path: readonly PropertyKey[] | undefined): string {
  const key = [...(path ?? [])].reverse().find((p): p is string => typeof p === 'string');
  return (key && FIELD_LABELS.get(key)) ?? '此项';
}

type Issue = z.core.$ZodRawIssue;

const TYPE_WORDS: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '“是”或“否”（true 或 false）',
  array: '一组取值（列表）',
  object: '一组字段',
  date: '日期',
};

const FORMAT_WORDS: Record<string, string> = {
  email: '电子邮箱地址（如 name@example.com）',
  url: '网址（以 http:// 或 https:// 开头）',
  uuid: '编号（32 位十六进制，含连字符）',
  date: '日期（如 2024-05-01）',
  datetime: '日期时间（如 2024-05-01T08:00:00Z）',
  time: '时间（如 08:30）',
  ipv4: 'IP 地址',
  ipv6: 'IP 地址',
};

const num = (v: unknown) => (typeof v === 'bigint' ? v.toString() : Number(v).toLocaleString('en-US'));

/** One Chinese sentence per issue kind, naming the field and saying what to write. */
export function issueMessage(issue: Issue): string {
  const label = fieldLabel(issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return `请填写${label}`;
      if (issue.input === null) return `${label}不能为空`;
      const want = TYPE_WORDS[issue.expected as string];
      return want ? `${label}应填写${want}` : `${label}的取值不正确，请按说明填写`;
    }
    case 'too_small': {
      const min = issue.minimum;
      if (issue.origin === 'string') return Number(min) <= 1 ? `请填写${label}` : `${label}至少 ${num(min)} 个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${label}至少 ${num(min)} 项`;
      return issue.inclusive === false ? `${label}应大于 ${num(min)}` : `${label}不能小于 ${num(min)}`;
    }
    case 'too_big': {
      const max = issue.maximum;
      if (issue.origin === 'string') return `${label}不超过 ${num(max)} 个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${label}最多 ${num(max)} 项`;
      if (issue.origin === 'file') return `${label}过大`;
      return issue.inclusive === false ? `${label}应小于 ${num(max)}` : `${label}不能大于 ${num(max)}`;
    }
    case 'invalid_format': {
      const want = FORMAT_WORDS[issue.format];
      return want ? `${label}应填写${want}` : `${label}的格式不正确，请按说明填写`;
    }
    case 'not_multiple_of':
      return `${label}应为 ${num(issue.divisor)} 的倍数`;
    case 'unrecognized_keys':
      return `不允许的字段：${issue.keys.join('、')}`;
    case 'invalid_value': {
      const values = issue.values.filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
      if (values.length === 0) return `${label}的取值不正确，请按说明填写`;
      if (values.length === 1) return `${label}应为“${values[0]}”`;
      return values.length <= 12 ? `${label}应为以下之一：${values.join('、')}` : `${label}不在可选范围内，请从列表中选择`;
    }
    case 'invalid_key':
    case 'invalid_element':
    case 'invalid_union':
      return `${label}的取值不正确，请按说明填写`;
    default:
      return `${label}的取值不正确，请按说明填写`;
  }
}

/** Words of a library's default message (the zhCN and English locales): such text must never reach a user. */
export const LIBRARY_MESSAGE = /期望|实际接收|无效输入|无效的|无效字符串|无效选项|无效数字|未知的键|数值过[大小]|Invalid input|Invalid option|Too (big|small)|expected|received/i;

z.config({ customError: issueMessage });

export { z };
