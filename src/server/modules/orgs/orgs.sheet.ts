import { LEGAL_FORM_LABELS, ORG_STATUS_LABELS, type LegalForm, type OrgStatus } from '../../../shared/enums.js';
import { cleanText } from '../../../shared/text-normalize.js';
import { mapHeaders as mapSheetHeaders, type SheetColumn } from '../../lib/sheets/columns.js';

/**
 * The registry's spreadsheet columns: the template, the export and the import use the same headers, so an
 * exported list can be edited and imported again. Offices name columns differently: common variants are accepted.
 */
export const ORG_SHEET_COLUMNS: SheetColumn[] = [
  { key: 'name', header: '名称', variants: ['组织名称', '社会组织名称', '单位名称', '组织全称', '组织名', '社区社会组织名称'], width: 30, note: '必填' },
  { key: 'creditCode', header: '统一社会信用代码', variants: ['信用代码', '社会信用代码', '统一代码'], width: 22, note: '登记的社会团体、社会服务机构、基金会必填' },
  { key: 'legalForm', header: '组织形式', variants: ['组织类型', '登记类型', '类型', '性质'], width: 18, note: '必填，下拉选择' },
  { key: 'category', header: '类别', variants: ['组织类别', '分类', '活动类别', '服务类别'], width: 12, note: '必填，下拉选择' },
  { key: 'regionCode', header: '所在区划代码', variants: ['区划代码', '社区代码', '所在社区代码', '行政区划代码'], width: 16, note: '与“所在社区”二选一' },
  { key: 'regionName', header: '所在社区', variants: ['社区', '所属社区', '社区（村）', '村（社区）', '所在社区（村）', '所在村（社区）', '所属社区（村）', '社区名称', '所在社区/村', '社区/村', '所在区划', '所属区划'], width: 20, note: '辖区内的社区、村或街道名称' },
  { key: 'address', header: '地址', variants: ['住所', '活动地址', '办公地址', '详细地址'], width: 30 },
  { key: 'leaderName', header: '负责人', variants: ['法定代表人', '负责人姓名', '法人代表', '联系人'], width: 10 },
  { key: 'leaderIdNumber', header: '负责人身份证号', variants: ['身份证号', '身份证号码', '法定代表人身份证号', '负责人身份证号码'], width: 22 },
  { key: 'leaderPhone', header: '联系电话', variants: ['手机', '电话', '手机号', '手机号码', '联系方式', '负责人电话', '联系电话（手机）', '负责人联系电话', '负责人手机'], width: 15 },
  { key: 'individualMembers', header: '个人会员数', variants: ['会员数', '成员数', '人数', '个人会员', '会员人数', '成员人数', '个人会员人数', '会员数量', '成员数量'], width: 10 },
  { key: 'unitMembers', header: '单位会员数', variants: ['单位会员', '单位会员数量'], width: 10 },
  { key: 'foundedOn', header: '成立日期', variants: ['成立时间', '备案日期', '登记日期', '成立年月', '成立日期（年月）', '备案时间', '登记时间'], width: 12, note: '如 2024-05-01；只知年月时写 2024-05 或 2024年5月（按当月 1 日保存）' },
  { key: 'purpose', header: '宗旨', variants: ['组织宗旨'], width: 30 },
  { key: 'activities', header: '业务范围/活动内容', variants: ['业务范围', '活动内容', '服务内容', '主要活动'], width: 30 },
  { key: 'venue', header: '活动场所', variants: ['活动地点', '场所'], width: 20 },
  { key: 'status', header: '状态', variants: ['组织状态'], width: 10, note: '不填为“正常”' },
  { key: 'certificateNo', header: '证书编号', variants: ['备案证明编号', '登记证书编号', '证书号'], width: 16 },
];

/** Maps a header row to the registry's column keys (lib/sheets/columns.ts mapHeaders with these columns). */
export const mapHeaders = (headers: string[]) => mapSheetHeaders(ORG_SHEET_COLUMNS, headers);

const FORM_WORDS: Record<string, LegalForm> = {
  ...Object.fromEntries(Object.entries(LEGAL_FORM_LABELS).map(([k, v]) => [v, k as LegalForm])),
  社团: 'social_group',
  社会团体法人: 'social_group',
  民办非企业单位: 'social_service',
  民办非企业: 'social_service',
  民非: 'social_service',
  基金: 'foundation',
  备案: 'filed',
  已备案: 'filed',
  备案类: 'filed',
  社区社会组织: 'filed',
  备案组织: 'filed',
  草根: 'grassroots',
  草根类: 'grassroots',
  未备案: 'grassroots',
  未登记未备案: 'grassroots',
};

/** A cell's words: half-width, no spaces, the bracketed aside dropped (`社会服务机构（民办非企业单位）`). */
const words = (text: string) => cleanText(text).replace(/\s+/g, '');
const withoutAside = (text: string) => text.replace(/[（(][^）)]*[）)]$/, '');

export function parseLegalForm(text: string): LegalForm | null {
  const w = words(text);
  return FORM_WORDS[w] ?? FORM_WORDS[withoutAside(w)] ?? null;
}

const STATUS_WORDS: Record<string, OrgStatus> = {
  ...Object.fromEntries(Object.entries(ORG_STATUS_LABELS).map(([k, v]) => [v, k as OrgStatus])),
  正常活动: 'active',
  活动中: 'active',
  注销: 'deregistered',
  已撤销: 'revoked',
  撤销: 'revoked',
};

export function parseStatus(text: string): OrgStatus | null {
  const w = words(text);
  return STATUS_WORDS[w] ?? STATUS_WORDS[withoutAside(w)] ?? null;
}
