import type { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB, RegionRow } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { writeAudit } from '../../lib/audit.js';
import { listScope, requireAccess, requireOrgAccess, subtreeOf } from '../../lib/access.js';
import { errors } from '../../lib/errors.js';
import { streamSheet } from '../../lib/sheets/write.js';
import { fenToYuanText } from '../../../shared/schemas/money.js';
import type { LedgerIoQuery } from '../../../shared/schemas/ledger-io.js';
import { findRegionByCode, findRegionById, resolveRegionFor } from '../regions/index.js';
import { findOrgById } from '../orgs/index.js';
import { ledgerSettingsFor } from '../settings/index.js';
import * as repo from './activities.io.repository.js';
import { ACTIVITY_SHEET_COLUMNS } from './activities.sheet.js';

export interface LedgerSelection {
  filter: repo.ActivityFilter;
  /** The node the ledger is of (the chosen one, the organization's, else the actor's): the printed header names it. */
  node: RegionRow | undefined;
  org: { id: number; name: string } | undefined;
}

/**
 * The actor's reach narrowed by the query: a node inside it (404 outside), an organization the actor acts for (404
 * otherwise), a period. The one decision both the export and the printed ledger use.
 */
export async function selectLedger(db: Kysely<DB>, ctx: RequestContext, query: LedgerIoQuery): Promise<LedgerSelection> {
  requireAccess(ctx.actor, 'activity.read');
  const actor = ctx.actor;
  const filter: repo.ActivityFilter = { scope: await listScope(db, actor), from: query.from, to: query.to };
  let node: RegionRow | undefined;
  if (query.region) {
    node = await resolveRegionFor(db, actor, query.region, 'activity.read');
    filter.within = subtreeOf({ id: Number(node.id), level: node.level });
  }
  let org: LedgerSelection['org'];
  if (query.org) {
    const row = await findOrgById(db, query.org);
    if (!row) throw errors.notFound('org');
    await requireOrgAccess(db, actor, 'activity.read', row);
    filter.orgId = Number(row.id);
    org = { id: Number(row.id), name: row.name };
    node ??= await findRegionById(db, Number(row.region_id));
  }
  node ??= actor.region ? await findRegionByCode(db, actor.region.code) : undefined;
  return { filter, node, org };
}

const CHINA_OFFSET_MS = 8 * 3_600_000;
/** `2026-03-05 09:00`, China time: how the template asks for it, so an export imports back unchanged. */
export const chinaDateTime = (d: Date) => new Date(new Date(d).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

/** One activity as a sheet row, in the order of ACTIVITY_SHEET_COLUMNS (the import reads it back by its headers). */
function toSheetRow(r: repo.LedgerRow): unknown[] {
  return [
    r.org_name, r.org_code ?? '', chinaDateTime(r.starts_at), chinaDateTime(r.ends_at), r.title, r.activity_type, r.place,
    r.participants, r.beneficiaries, r.volunteers, Math.round((r.volunteer_minutes / 60) * 100) / 100,
    r.amount_fen > 0 ? fenToYuanText(r.amount_fen) : '', r.foreign_related ? '是' : '否', r.description ?? '',
  ];
}

const PAGE = 2_000;

/** Every activity of the selection in date order, a keyset page at a time. */
export async function* ledgerPages(db: Kysely<DB>, filter: repo.ActivityFilter, pageSize = PAGE): AsyncGenerator<repo.LedgerRow[]> {
  let after: { heldOn: string; id: number } | null = null;
  for (;;) {
    const rows = await repo.ledgerPage(db, filter, after, pageSize);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = { heldOn: last.held_on, id: last.id };
  }
}

/** Streams the selected ledger to .xlsx (flat memory at any size); audited like every export. */
export async function exportActivities(db: Kysely<DB>, ctx: RequestContext, query: LedgerIoQuery): Promise<PassThrough> {
  const { filter } = await selectLedger(db, ctx, query);
  await writeAudit(db, ctx, { action: 'activity.export', entityType: 'activity', newValue: query, regionCode: ctx.actor!.region?.code ?? null });
  async function* pages() {
    for await (const rows of ledgerPages(db, filter)) yield rows.map(toSheetRow);
  }
  return streamSheet({ sheetName: '活动台账', columns: ACTIVITY_SHEET_COLUMNS, pages: pages() });
}

/** The import template: Chinese headers, the district's activity types as a drop-down, an example row, instructions. */
export async function activityImportTemplate(db: Kysely<DB>, ctx: RequestContext): Promise<Buffer> {
  requireAccess(ctx.actor, 'activity.import');
  const region = ctx.actor.region ? await findRegionByCode(db, ctx.actor.region.code) : undefined;
  const { activityTypes } = await ledgerSettingsFor(db, region?.level3_id ?? null);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('活动台账');
  sheet.columns = ACTIVITY_SHEET_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: c.key === 'orgCode' ? { numFmt: '@' } : {} }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.addRow({
    orgName: '仓口社区老年书画社（示例，导入前请删除本行）',
    startsAt: '2026-03-05 09:00',
    endsAt: '2026-03-05 11:30',
    title: '迎春书画笔会',
    activityType: activityTypes[0],
    place: '仓口社区党群服务中心活动室',
    participants: 32,
    beneficiaries: 60,
    volunteers: 4,
    volunteerHours: 10,
    foreignRelated: '否',
    description: '书写春联、交流书画技法',
  });
  const list = (items: string[]) => `"${items.join(',')}"`;
  const col = (key: string) => ACTIVITY_SHEET_COLUMNS.findIndex((c) => c.key === key) + 1;
  // A list formula holds at most 255 characters: a district with a very long type list gets no drop-down, only notes.
  const typeList = list(activityTypes);
  for (let row = 2; row <= 2001; row++) {
    if (typeList.length <= 255) {
      sheet.getCell(row, col('activityType')).dataValidation = { type: 'list', allowBlank: false, formulae: [typeList], showErrorMessage: true, errorTitle: '活动类型', error: '请从下拉列表中选择' };
    }
    sheet.getCell(row, col('foreignRelated')).dataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'] };
  }
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [{ header: '列', width: 24 }, { header: '说明', width: 80 }];
  notes.getRow(1).font = { bold: true };
  for (const c of ACTIVITY_SHEET_COLUMNS) notes.addRow([c.header, [c.note, c.variants.length ? `也可用列名：${c.variants.join('、')}` : ''].filter(Boolean).join('；')]);
  notes.addRow([]);
  notes.addRow(['活动类型', `本区的活动类型：${activityTypes.join('、')}（区民政部门在设置中维护）`]);
  notes.addRow(['重复导入', '同一组织、同一开始时间、同一活动名称的活动视为已导入：不会重复新增，也不会修改（修改请在台账中编辑）。']);
  notes.addRow(['范围', '社区工作人员可导入本社区组织的活动，联合会可导入本会及会员组织的活动（以社管社）。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
