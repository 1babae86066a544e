import type { Transaction } from 'kysely';
import type { DB, OrgRow, RegionRow } from '../../db/types.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import { isInJurisdiction, regionScope } from '../../lib/access.js';
import type { SheetRow } from '../../lib/sheets/columns.js';
import { cellText, codeText, parseCount, parseSheetDate } from '../../lib/sheets/normalize.js';
import { OrgFields } from '../../../shared/schemas/orgs.js';
import { findRegionByCode, matchCommunityName } from '../regions/index.js';
import { defineImport, type JobMemo, type ParsedRow, type RowOutcome, type RowProblem } from '../imports/index.js';
import * as repo from './orgs.repository.js';
import { ORG_SHEET_COLUMNS, parseLegalForm, parseStatus } from './orgs.sheet.js';
import { applyOrgUpdate, categoriesFor, fieldsOf, insertPreparedOrgs, OrgValidationError, prepareOrgWith, type PreparedOrg } from './orgs.service.js';

const HEADER_OF = new Map(ORG_SHEET_COLUMNS.map((c) => [c.key, c.header]));
const headerOf = (key: string) => HEADER_OF.get(key) ?? (key === 'hubOrgId' ? '所属联合会' : key);

/** A sheet row as API fields, before the community named in it is looked up. */
interface OrgDraft {
  fields: Partial<OrgFields>;
  regionCode?: string;
  regionName?: string;
}

type Parsed = ParsedRow<OrgDraft>;

/** Turns one sheet row into API fields; problems are reported by column. Pure: no database. */
function parseOrgRow(row: SheetRow): Parsed {
  const problems: RowProblem[] = [];
  const v = row.values;
  // Every cell through the shared normalizers first (lib/sheets/normalize.ts): half-width, trimmed.
  const text = (key: string) => cellText(v.get(key));
  const out: Record<string, unknown> = {};
  for (const key of ['name', 'address', 'leaderName', 'purpose', 'activities', 'venue', 'certificateNo', 'category']) {
    if (text(key) !== undefined) out[key] = text(key);
  }
  const code = codeText(v.get('creditCode'));
  if (code !== undefined) out.creditCode = code;
  const form = text('legalForm');
  if (form !== undefined) {
    const parsed = parseLegalForm(form);
    if (parsed) out.legalForm = parsed;
    else problems.push({ row: row.rowNumber, column: '组织形式', message: `无法识别“${form}”，应为社会团体、社会服务机构、基金会、备案社区社会组织或草根组织` });
  }
  const status = text('status');
  if (status !== undefined) {
    const parsed = parseStatus(status);
    if (parsed) out.status = parsed;
    else problems.push({ row: row.rowNumber, column: '状态', message: `无法识别状态“${status}”，应为正常、筹备、备案中、登记中、变更中、注销中、已注销、责令解散或撤销登记，不填为“正常”` });
  }
  for (const key of ['leaderIdNumber', 'leaderPhone'] as const) {
    const raw = v.get(key);
    if (raw === undefined) continue;
    // A masked value (from an export) means "keep what is stored".
    if (String(raw).includes('*')) continue;
    if (typeof raw === 'number' && key === 'leaderIdNumber') {
      problems.push({ row: row.rowNumber, column: headerOf(key), message: '身份证号被 Excel 存成了数字，末几位已丢失：请把该列设为文本格式后重新填写' });
      continue;
    }
    out[key] = key === 'leaderIdNumber' ? codeText(raw) : cellText(raw);
  }
  for (const key of ['individualMembers', 'unitMembers'] as const) {
    const raw = v.get(key);
    if (raw === undefined) continue;
    const n = parseCount(raw);
    if (n === 'invalid') problems.push({ row: row.rowNumber, column: headerOf(key), message: `“${cellText(raw)}”不是整数：请只填写人数或单位数，如 30` });
    else if (n !== null) out[key] = n;
  }
  if (v.has('foundedOn')) {
    const d = parseSheetDate(v.get('foundedOn'));
    if (d === 'invalid') problems.push({ row: row.rowNumber, column: '成立日期', message: `无法识别日期“${cellText(v.get('foundedOn'))}”，请写成 2024-05-01；只知年月时写 2024-05` });
    else if (d) out.foundedOn = d.date;
  }
  return { row, draft: { fields: out as Partial<OrgFields>, regionCode: codeText(v.get('regionCode')), regionName: text('regionName') }, problems };
}

/** A founding month (a normal entry in a ledger) is stored as its 1st day: the report's 提示 sheet says so. */
function orgNotes(row: SheetRow): RowProblem[] {
  const founded = parseSheetDate(row.values.get('foundedOn'));
  if (!founded || founded === 'invalid' || founded.precision !== 'month') return [];
  return [{ row: row.rowNumber, column: '成立日期', message: `只写了年月“${cellText(row.values.get('foundedOn'))}”，按当月 1 日记为 ${founded.date}` }];
}

/** Where each row of a batch lies: the node of its region code, or the one node its community name names. */
interface OrgBatch {
  region: Map<Parsed, RegionRow>;
  regionProblem: Map<Parsed, string>;
}

const regionByCode = (trx: Transaction<DB>, memo: JobMemo, code: string) => memo.get(`code:${code}`, () => findRegionByCode(trx, code));

async function loadOrgBatch(trx: Transaction<DB>, ctx: RequestContext, rows: Parsed[], memo: JobMemo): Promise<OrgBatch> {
  const actor = ctx.actor!;
  const batch: OrgBatch = { region: new Map(), regionProblem: new Map() };
  for (const p of rows) {
    const { regionCode, regionName } = p.draft;
    if (regionCode) {
      const r = await regionByCode(trx, memo, regionCode);
      if (r) batch.region.set(p, r);
    } else if (regionName) {
      // As people write it (仓口, 仓口社区, 文山街道仓口社区居委会): matched only when unique in the jurisdiction.
      // One lookup per distinct name in the whole job: a file over 300 communities costs 300 lookups, not one a row.
      const found = await memo.get(`name:${regionName}`, () => matchCommunityName(trx, regionScope(actor), regionName));
      if (found.kind === 'matched') batch.region.set(p, found.region);
      else if (found.kind === 'none') {
        batch.regionProblem.set(p, `辖区内没有名为“${regionName}”的社区、村或街道：请写社区（村）的名称，如“仓口社区”，或填写所在区划代码`);
      } else {
        batch.regionProblem.set(p, `“${regionName}”对应多个社区：${found.candidates.map((c) => c.label).join('、')}，请填写区划代码或带上街道名称`);
      }
    }
  }
  return batch;
}

/** Re-import keys (the import template's rule): the credit code, else name + the node the row lies at. */
function orgKeys(p: Parsed, batch: OrgBatch): string[] {
  const keys: string[] = [];
  if (p.draft.fields.creditCode) keys.push(`c:${p.draft.fields.creditCode}`);
  const region = batch.region.get(p);
  if (p.draft.fields.name && region) keys.push(`n:${p.draft.fields.name}|${region.id}`);
  return keys;
}

/** Stored organizations matching the round's rows, by credit code, else by name + node: two queries for the round. */
async function findMatches(trx: Transaction<DB>, actor: Actor, rows: Parsed[], batch: OrgBatch) {
  const codes = [...new Set(rows.map((p) => p.draft.fields.creditCode).filter((c): c is string => !!c))];
  const pairs = rows.flatMap((p) => (p.draft.fields.name && batch.region.has(p) ? [{ name: p.draft.fields.name, regionId: Number(batch.region.get(p)!.id) }] : []));
  const [byCodeRows, byNameRows] = await Promise.all([repo.findOrgsByCreditCodes(trx, codes), repo.findOrgsByNamesInRegions(trx, pairs)]);
  const byCode = new Map(byCodeRows.map((o) => [o.credit_code!, o]));
  const byName = new Map(byNameRows.map((o) => [`${o.name}|${o.region_id}`, o]));
  return rows.map((p) => {
    const region = batch.region.get(p);
    const existing = (p.draft.fields.creditCode ? byCode.get(p.draft.fields.creditCode) : undefined) ?? (p.draft.fields.name && region ? byName.get(`${p.draft.fields.name}|${region.id}`) : undefined);
    // An organization outside the actor's subtree is never matched (or revealed): the row is treated as new.
    return existing && isInJurisdiction(actor, existing) ? existing : undefined;
  });
}

/**
 * One round: match, merge onto the stored record (a blank cell keeps the stored value), validate every rule on
 * lookups made once for the round, then insert the new ones in bulk and update the matched ones that changed.
 */
async function commitOrgRound(trx: Transaction<DB>, ctx: RequestContext, rows: Parsed[], batch: OrgBatch, memo: JobMemo): Promise<RowOutcome[]> {
  const actor = ctx.actor!;
  const matches = await findMatches(trx, actor, rows, batch);
  const storedCodes = await repo.findRegionNames(trx, [...new Set(matches.filter((m): m is OrgRow => !!m).map((m) => Number(m.region_id)))]);
  const outcomes: RowOutcome[] = new Array(rows.length);
  const valid: { i: number; merged: OrgFields; existing: OrgRow | undefined; regionCode: string | undefined }[] = [];
  const problemsOf: RowProblem[][] = rows.map((p) => [...p.problems]);
  const adder = (i: number) => {
    const p = rows[i];
    const regionColumn = p.row.values.has('regionCode') ? 'regionCode' : 'regionName';
    const reported = new Set(problemsOf[i].map((x) => x.column));
    return (key: string, message: string) => {
      const column = headerOf(key === 'regionCode' ? regionColumn : key);
      // One message per cell: the first problem found in it.
      if (!reported.has(column)) {
        reported.add(column);
        problemsOf[i].push({ row: p.row.rowNumber, column, message });
      }
    };
  };
  rows.forEach((p, i) => {
    if (batch.regionProblem.has(p)) problemsOf[i].push({ row: p.row.rowNumber, column: '所在社区', message: batch.regionProblem.get(p)! });
    const existing = matches[i];
    const regionCode = batch.region.get(p)?.code ?? p.draft.regionCode;
    const stored = existing ? storedCodes.get(Number(existing.region_id))!.code : undefined;
    const merged = { ...(existing ? fieldsOf(existing, stored!) : { status: 'active' }), ...p.draft.fields, ...(regionCode ? { regionCode } : {}) };
    // Every problem of the row is reported at once, so the office fixes the file in one pass.
    const parsed = OrgFields.safeParse(merged);
    if (!parsed.success) {
      const add = adder(i);
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        add(key, key === 'regionCode' && !regionCode ? '请填写所在区划代码或所在社区' : issue.message);
      }
    } else valid.push({ i, merged: parsed.data, existing, regionCode: stored });
  });

  // The lookups the rules need, for the whole round: nodes, district category lists, credit code holders, hubs.
  const holderCodes = [...new Set(valid.map((v) => v.merged.creditCode).filter((c): c is string => !!c))];
  const hubIds = [...new Set(valid.map((v) => v.merged.hubOrgId).filter((h): h is number => !!h))];
  const [holders, hubs] = await Promise.all([repo.findOrgsByCreditCodes(trx, holderCodes), repo.findOrgsByIds(trx, hubIds)]);
  const holderOf = new Map(holders.map((o) => [o.credit_code!, o]));
  const hubOf = new Map(hubs.filter(Boolean).map((o) => [Number(o.id), o]));
  const inserts: { i: number; merged: OrgFields; prepared: PreparedOrg }[] = [];
  const updates: { i: number; merged: OrgFields; prepared: PreparedOrg; existing: OrgRow; regionCode: string }[] = [];
  for (const v of valid) {
    const region = await regionByCode(trx, memo, v.merged.regionCode);
    const categories = region ? await memo.get(`categories:${region.level3_id}`, () => categoriesFor(trx, region)) : [];
    try {
      const prepared = prepareOrgWith(actor, v.merged, v.existing, {
        region,
        categories,
        holder: v.merged.creditCode ? holderOf.get(v.merged.creditCode) : undefined,
        hub: v.merged.hubOrgId ? hubOf.get(v.merged.hubOrgId) : undefined,
      });
      if (problemsOf[v.i].length > 0) continue;
      if (v.existing) updates.push({ ...v, prepared, existing: v.existing, regionCode: v.regionCode! });
      else inserts.push({ i: v.i, merged: v.merged, prepared });
    } catch (err) {
      if (!(err instanceof OrgValidationError)) throw err;
      const add = adder(v.i);
      for (const [key, message] of Object.entries(err.fields)) add(key, message);
    }
  }
  await insertPreparedOrgs(trx, ctx, inserts, 'import');
  for (const u of inserts) outcomes[u.i] = 'inserted';
  for (const u of updates) {
    const changed = await applyOrgUpdate(trx, ctx, u.existing, u.merged, u.prepared, { version: u.existing.version, reason: '表格导入', action: 'import', regionCode: u.regionCode });
    outcomes[u.i] = changed ? 'updated' : 'unchanged';
  }
  problemsOf.forEach((problems, i) => {
    if (problems.length > 0) outcomes[i] = problems;
  });
  return outcomes;
}

/** The registry's import: the template's columns and their variants, matched by credit code or name + community. */
export const orgImport = defineImport<OrgDraft, OrgBatch>({
  kind: 'orgs',
  permission: 'org.import',
  header: {
    columns: ORG_SHEET_COLUMNS,
    // The header row names the organization, also when written 组织名 or ＊名称（必填）, under any title row.
    hint: /名称/,
    key: 'name',
    // A row with a legal form or a category is data, whatever its name says (an organization may be “合计…”).
    dataKeys: ['legalForm', 'category'],
    noHeaderMessage: '未找到表头：第一行应包含“名称”“组织形式”“类别”等列，请使用下载的模板',
  },
  maxRows: 200_000,
  auditAction: 'org.import_file',
  parseRow: parseOrgRow,
  notesOf: orgNotes,
  loadBatch: loadOrgBatch,
  keysOf: orgKeys,
  commitRound: commitOrgRound,
});
