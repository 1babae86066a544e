import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { writeAudit } from '../../lib/audit.js';
import { LEGAL_FORM_LABELS, type LegalForm } from '../../../shared/enums.js';
import { TARGET_LABELS, TARGET_STATUS_LABELS, type NodeTargets, type StatsQuery, type StatsReportQuery, type TargetsResponse } from '../../../shared/schemas/stats.js';
import * as repo from './stats.repository.js';
import { ownRowName } from './stats.policy.js';
import { todayInChina } from '../../lib/working-days.js';
import { computeBreakdown, computeTargets, resolveStatsNode, type StatsNode } from './stats.service.js';

const SOURCE_NOTE = '数据来源：社组通社会组织名录（在册 = 已登记或备案、未注销/撤销/解散，不含草根组织与筹备中组织）；人口为各节点录入的常住人口';

function heading(sheet: ExcelJS.Worksheet, lines: string[], width: number) {
  lines.forEach((text, i) => {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, width);
    row.font = i === 0 ? { bold: true, size: 14 } : { size: 10, color: { argb: 'FF555555' } };
  });
  sheet.addRow([]);
}

function table(sheet: ExcelJS.Worksheet, header: string[], rows: (string | number | null)[][]) {
  const h = sheet.addRow(header);
  h.font = { bold: true };
  h.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
    c.border = { bottom: { style: 'thin' } };
  });
  for (const r of rows) sheet.addRow(r.map((v) => v ?? ''));
}

/**
 * Population is a number a spreadsheet can sum (issue 22 item 4); whether it is missing, partial or a demo figure
 * goes in its own column.
 */
export const populationNote = (n: Pick<NodeTargets, 'population' | 'populationIsDemo' | 'populationPartial'>, own = false) =>
  own ? '本级不单列人口' : n.population === null ? '人口未录入' : [n.populationIsDemo ? '演示数据' : '', n.populationPartial ? '部分下级人口未录入' : ''].filter(Boolean).join('；');

/** A rate over a small base keeps its fraction beside it (2/1 = 200% says little). */
const valueOf = (i: NodeTargets['items'][number]) => (i.value === null ? (i.note ?? '') : i.smallBase ? `${i.value}（${i.numerator}/${i.denominator}）` : i.value);

function targetRow(n: NodeTargets, name = n.region.name, own = false): (string | number | null)[] {
  return [
    n.region.code,
    name,
    n.population,
    populationNote(n, own),
    n.orgs,
    ...n.items.flatMap((i) => [valueOf(i), i.target, TARGET_STATUS_LABELS[i.status]]),
  ];
}

/** The dashboard view as a workbook: the figures of the node and its children, the yearly series, the composition. */
export async function exportTargetsView(db: Kysely<DB>, ctx: RequestContext, query: StatsQuery): Promise<{ buffer: Buffer; filename: string }> {
  const n = await resolveStatsNode(db, ctx, query, 'stats.export');
  const [targets, breakdown] = await Promise.all([computeTargets(db, n, ctx.actor!.region?.level ?? 1), computeBreakdown(db, n)]);
  const path = [...targets.ancestors.map((a) => a.name), targets.region.name].join(' / ');
  const lines = [`社会组织发展目标统计：${targets.region.name}`, `区划路径：${path}（${targets.region.code}）`, `统计日期：${targets.asOf}　导出时间：${todayInChina()}`, SOURCE_NOTE];
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('目标达成');
  const items = targets.items.map((i) => i.key);
  const header = ['区划代码', '名称', '常住人口', '人口说明', '在册组织', ...items.flatMap((k) => [`${TARGET_LABELS[k].name}（${TARGET_LABELS[k].unit}）`, '目标', '状态'])];
  heading(sheet, lines, header.length);
  // The children, the organizations placed at the node itself (本级), then the node's total: the rows add up.
  const rows = targets.children.length
    ? [...targets.children.map((c) => targetRow(c)), targetRow(targets.own, ownRowName(targets.region), true), targetRow(targets, `${targets.region.name}（合计）`)]
    : [targetRow(targets)];
  table(sheet, header, rows);
  sheet.columns.forEach((c, i) => (c.width = i === 1 ? 24 : i === 0 ? 15 : 13));

  const years = wb.addWorksheet('历年增长');
  heading(years, lines, 4);
  table(years, ['年份', '年末在册（当年为统计日）', '当年新增', '当年注销'], breakdown.years.map((y) => [y.year, y.total, y.added, y.closed]));
  years.columns.forEach((c) => (c.width = 18));

  const comp = wb.addWorksheet('类别构成');
  heading(comp, lines, 3);
  const total = breakdown.byCategory.reduce((s, c) => s + c.count, 0);
  table(comp, ['类别', '在册组织', '占比（%）'], breakdown.byCategory.map((c) => [c.category, c.count, total ? Math.round((c.count / total) * 1000) / 10 : 0]));
  comp.addRow([]);
  table(comp, ['组织形式', '在册组织'], breakdown.byForm.map((f) => [LEGAL_FORM_LABELS[f.legalForm as LegalForm] ?? f.legalForm, f.count]));
  comp.columns.forEach((c) => (c.width = 18));

  await writeAudit(db, ctx, { action: 'stats.export', entityType: 'region', entityId: targets.region.code, regionCode: targets.region.code, newValue: { asOf: n.asOf } });
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename: `统计看板-${targets.region.name}-${n.asOf}.xlsx` };
}

const REPORT_FORMS: LegalForm[] = ['social_group', 'social_service', 'foundation', 'filed'];

type Cell = string | number | null;

/**
 * The rows of the yearly report: one per node below, one for the organizations placed at the node itself (本级),
 * and the node's total last, so that the rows above the total add up to it column by column (issue 22 item 4).
 */
export async function yearReportTable(db: Kysely<DB>, n: StatsNode, topLevel: number): Promise<{ targets: TargetsResponse; header: string[]; rows: Cell[][] }> {
  const targets = await computeTargets(db, n, topLevel);
  const forms = await repo.counterFormRows(db, [targets.region.id, ...targets.children.map((x) => x.region.id)], n.year);
  const figure = (id: number, f: string | null, key: 'in_register' | 'added' | 'closed') =>
    forms.filter((r) => r.node === id && (f === null || r.legal_form === f)).reduce((s, r) => s + r[key], 0);
  const childIds = targets.children.map((c) => c.region.id);
  const own = (f: string | null, key: 'in_register' | 'added' | 'closed') => figure(targets.region.id, f, key) - childIds.reduce((s, id) => s + figure(id, f, key), 0);
  const item = (x: NodeTargets, key: string) => x.items.find((i) => i.key === key)!;
  const header = [
    '区划代码', '名称', '常住人口', '城市社区数', '村数', '年末在册组织',
    ...REPORT_FORMS.map((f) => `其中：${LEGAL_FORM_LABELS[f]}`),
    '本年新增', '本年注销', '年增长率（%）', '增长率目标（%）', '每万人组织数', '城市社区平均组织数', '农村社区平均组织数', '人口说明',
  ];
  const row = (x: NodeTargets, name: string, value: (f: string | null, key: 'in_register' | 'added' | 'closed') => number, isOwn: boolean): Cell[] => {
    const urban = item(x, 'orgsPerUrbanCommunity');
    const rural = item(x, 'orgsPerRuralCommunity');
    const growth = item(x, 'growthRate');
    return [
      x.region.code, name, x.population, isOwn ? 0 : (urban.denominator ?? 0), isOwn ? 0 : (rural.denominator ?? 0), x.orgs,
      ...REPORT_FORMS.map((f) => value(f, 'in_register')),
      value(null, 'added'), value(null, 'closed'), valueOf(growth), growth.target,
      isOwn ? '—' : (item(x, 'orgsPer10k').value ?? '人口未录入'), isOwn ? '—' : (urban.value ?? '—'), isOwn ? '—' : (rural.value ?? '—'), populationNote(x, isOwn),
    ];
  };
  const rows = [
    ...targets.children.map((c) => row(c, c.region.name, (f, key) => figure(c.region.id, f, key), false)),
    ...(targets.children.length ? [row(targets.own, ownRowName(targets.region), own, true)] : []),
    row(targets, `${targets.region.name}（合计）`, (f, key) => figure(targets.region.id, f, key), false),
  ];
  return { targets, header, rows };
}

/** The yearly statistics report of a district (or any node): one row per node below it, the figures reported upward. */
export async function exportYearReport(db: Kysely<DB>, ctx: RequestContext, query: StatsReportQuery): Promise<{ buffer: Buffer; filename: string }> {
  const today = todayInChina();
  const yearEnd = `${query.year}-12-31`;
  const n = await resolveStatsNode(db, ctx, { region: query.region, asOf: yearEnd > today ? today : yearEnd }, 'stats.export');
  const { targets, header, rows } = await yearReportTable(db, n, ctx.actor!.region?.level ?? 1);
  const path = [...targets.ancestors.map((a) => a.name), targets.region.name].join(' / ');
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(`${query.year}年统计`);
  heading(sheet, [`${targets.region.name}${query.year}年度社区社会组织统计报表`, `区划路径：${path}（${targets.region.code}）`, `统计截至：${n.asOf}　制表日期：${today}`, SOURCE_NOTE], header.length);
  table(sheet, header, rows);
  sheet.lastRow!.font = { bold: true };
  sheet.columns.forEach((c, i) => (c.width = i === 1 ? 26 : 12));
  await writeAudit(db, ctx, { action: 'stats.report', entityType: 'region', entityId: targets.region.code, regionCode: targets.region.code, newValue: { year: query.year } });
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename: `${targets.region.name}${query.year}年度社会组织统计报表.xlsx` };
}
