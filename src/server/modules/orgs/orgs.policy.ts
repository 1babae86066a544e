import { CREDIT_CODE_FORM_DIGIT, CREDIT_CODE_MESSAGES, PHONE_MESSAGE, RESIDENT_ID_MESSAGES, creditCodeProblem, isValidPhone, residentIdProblem } from '../../../shared/validators.js';
import { REGISTERED_FORMS, type LegalForm } from '../../../shared/enums.js';
import type { OrgSimilarWhy, OrgWarning } from '../../../shared/schemas/orgs.js';
import { isRealDivisionCode } from '../../lib/division-codes.js';
import { bigrams } from '../../lib/search-text.js';

/** The values rules look at, after a create or an update is merged onto the record. */
export interface OrgDraft {
  name: string;
  creditCode: string | null;
  legalForm: LegalForm;
  category: string;
  regionLevel: number;
  leaderIdNumber: string | null;
  leaderPhone: string | null;
  foundedOn: string | null;
}

/** Field-level rule checks (issue #4 §2); returns Chinese messages by field, empty when all is well. */
export function checkOrgRules(d: OrgDraft, categories: readonly string[], today = new Date()): Record<string, string> {
  const fields: Record<string, string> = {};
  const registered = REGISTERED_FORMS.includes(d.legalForm);
  if (registered && !d.creditCode) fields.creditCode = '登记的社会组织须填写统一社会信用代码';
  if (!registered && d.creditCode) fields.creditCode = '备案或草根组织没有统一社会信用代码，请留空或改选组织形式';
  if (d.creditCode && !fields.creditCode) {
    const problem = creditCodeProblem(d.creditCode);
    if (problem) fields.creditCode = CREDIT_CODE_MESSAGES[problem];
    else if (d.creditCode[0] !== '5') fields.creditCode = '第 1 位登记管理部门代码应为 5（民政）';
    else if (d.creditCode[1] !== CREDIT_CODE_FORM_DIGIT[d.legalForm as keyof typeof CREDIT_CODE_FORM_DIGIT]) {
      fields.creditCode = `第 2 位机构类别代码与组织形式不符（社会团体 1、社会服务机构 2、基金会 3）`;
    } else if (!isRealDivisionCode(d.creditCode.slice(2, 8))) {
      fields.creditCode = '第 3–8 位不是有效的登记管理机关行政区划代码';
    }
  }
  if (!categories.includes(d.category)) fields.category = `类别不在本区的类别清单中（${categories.join('、')}）`;
  // Filed and grassroots organizations live in a community (or a grid), or at a street for street-wide ones
  // (seed 002: 文山街道's 天马艺术团); registered ones may also sit at the district that registered them.
  if (registered ? d.regionLevel < 3 : d.regionLevel < 4) {
    fields.regionCode = registered ? '请选择区县、街道、社区或网格' : '备案或草根组织应落在街道（乡镇）、社区（村）或网格';
  }
  if (d.leaderIdNumber) {
    const problem = residentIdProblem(d.leaderIdNumber, today);
    if (problem) fields.leaderIdNumber = RESIDENT_ID_MESSAGES[problem];
  }
  if (d.leaderPhone && !isValidPhone(d.leaderPhone)) fields.leaderPhone = PHONE_MESSAGE;
  if (d.foundedOn) {
    const date = new Date(`${d.foundedOn}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== d.foundedOn) fields.foundedOn = '日期无效';
    else if (date > today) fields.foundedOn = '成立日期不能晚于今天';
    else if (d.foundedOn < '1949-10-01') fields.foundedOn = '成立日期过早，请核对';
  }
  return fields;
}

/** Kinds that may not be filed, and kinds under strict control (DESIGN §4, seed 004). */
const PROHIBITED: { kind: string; pattern: RegExp }[] = [
  { kind: '气功功法类', pattern: /气功|功法|修炼/ },
  { kind: '宗族类', pattern: /宗亲|宗族|宗祠|族谱|家族会/ },
  { kind: '特定群体类', pattern: /战友会|老兵会/ },
];
const STRICT: { kind: string; pattern: RegExp }[] = [
  { kind: '联谊性社团', pattern: /联谊会|同乡会|老乡会|校友会/ },
  { kind: '领导干部组成的研究会', pattern: /(干部|领导).*研究会/ },
];

export function kindWarnings(name: string, purpose: string | null, activities: string | null): OrgWarning[] {
  const text = [name, purpose ?? '', activities ?? ''].join(' ');
  const out: OrgWarning[] = [];
  for (const p of PROHIBITED) {
    if (p.pattern.test(text)) out.push({ code: 'prohibited_kind', message: `疑似${p.kind}组织（不予备案登记），请审核人员核查` });
  }
  for (const s of STRICT) {
    if (s.pattern.test(text)) out.push({ code: 'strict_control', message: `${s.kind}属严格控制类，请审核人员从严把关` });
  }
  return out;
}

/** Dice coefficient over character bigrams: 1 = same text, 0 = nothing shared. */
export function similarity(a: string, b: string): number {
  const x = new Set(bigrams(a));
  const y = new Set(bigrams(b));
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** Generic words every organization name carries; similarity is judged on what is left. */
const GENERIC = /(社区|居委会|村委会|协会|社团|服务社|俱乐部|服务中心|中心|服务队|志愿者?|之家|团|队|社|会)$/g;
export const coreName = (name: string) => name.replace(GENERIC, '').replace(GENERIC, '');

/** A place's name as names use it: 仓口社区居委会 → 仓口社区, 仓口; 文山街道 → 文山. */
export function placeForms(name: string): string[] {
  const bare = name.replace(/(居民委员会|居委会|村民委员会|村委会)$/, '');
  const short = bare.replace(/(社区|街道办事处|街道|镇|乡|村)$/, '');
  return [...new Set([name, bare, short].filter((x) => x.length >= 2))].sort((x, y) => y.length - x.length);
}

/** The name without the places it starts with (仓口社区象棋社 → 象棋社): the place says nothing about the activity. */
export function withoutPlaces(name: string, places: string[]): string {
  let out = name;
  for (let again = true; again; ) {
    again = false;
    for (const p of places) {
      if (out.startsWith(p) && out.length > p.length) {
        out = out.slice(p.length);
        again = true;
      }
    }
  }
  return out;
}

export { SIMILAR_RULE_SOURCE, SIMILAR_RULE_TEXT } from '../../../shared/schemas/orgs.js';

export interface SimilarCandidate {
  name: string;
  purpose: string | null;
  activities?: string | null;
  legalForm?: string;
}

export type SimilarWhy = OrgSimilarWhy;
export const SIMILAR_WHY_TEXT: Record<SimilarWhy, string> = { name: '名称所示活动相近', activities: '业务范围（活动内容）相近', purpose: '宗旨相近' };

/**
 * Same kind of organization in one community: in principle one, for organizations of the same 组织形式 whose
 * 业务范围 is the same or close (seed 004 三(一)2, SIMILAR_RULE_TEXT). Warn, never block. Sharing a category is not
 * enough (a 象棋社 is not a 葫芦丝队): the legal form must be the same (when both are known) and the activity must be
 * close, judged on the name without its places and generic endings (the same activity word, 舞蹈 in 夕阳红舞蹈队,
 * or most of the name), on the activities, or on a purpose of the organization's own (the caller passes a stock
 * purpose that many organizations share as null). Returns why, or an empty list.
 */
export function similarWhy(a: SimilarCandidate, b: SimilarCandidate, places: string[] = []): SimilarWhy[] {
  if (a.legalForm && b.legalForm && a.legalForm !== b.legalForm) return [];
  const why: SimilarWhy[] = [];
  const x = coreName(withoutPlaces(a.name, places));
  const y = coreName(withoutPlaces(b.name, places));
  const tailIn = (p: string, q: string) => p.length >= 2 && q.includes(p.slice(-2));
  if (x && y && (similarity(x, y) >= 0.5 || tailIn(x, y) || tailIn(y, x))) why.push('name');
  if (a.activities && b.activities && similarity(a.activities, b.activities) >= 0.6) why.push('activities');
  if (a.purpose && b.purpose && similarity(a.purpose, b.purpose) >= 0.6) why.push('purpose');
  return why;
}

export function isSimilarOrg(a: SimilarCandidate, b: SimilarCandidate, places: string[] = []): boolean {
  return similarWhy(a, b, places).length > 0;
}
