import type { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { writeAudit } from '../../lib/audit.js';
import { can, requireAccess } from '../../lib/access.js';
import { errors } from '../../lib/errors.js';
import { DEFAULT_ORG_CATEGORIES, LEGAL_FORM_LABELS, ORG_STATUS_LABELS } from '../../../shared/enums.js';
import type { OrgFilter } from '../../../shared/schemas/orgs.js';
import { open } from '../../lib/personal-data.js';
import * as repo from './orgs.repository.js';
import { ORG_SHEET_COLUMNS } from './orgs.sheet.js';
import { buildListFilter, categoriesFor } from './orgs.service.js';
import { findRegionByCode } from '../regions/index.js';
import { streamSheet } from '../../lib/sheets/write.js';

const TEXT_COLUMNS = new Set(['creditCode', 'regionCode', 'leaderIdNumber', 'leaderPhone', 'certificateNo']);

function sheetColumns(sheet: ExcelJS.Worksheet) {
  sheet.columns = ORG_SHEET_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    // Long digit strings (ID numbers, codes) must stay text, or Excel rounds them.
    style: TEXT_COLUMNS.has(c.key) ? { numFmt: '@' } : c.key === 'foundedOn' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
}

/**
 * Streams any filtered list to .xlsx, a page at a time (flat memory for 100k rows). Personal data is masked unless
 * the role may see it and asked for it; such an export is a reveal and is audited.
 */
export async function exportOrgs(db: Kysely<DB>, ctx: RequestContext, query: OrgFilter & { unmasked?: 'true' | 'false' }): Promise<PassThrough> {
  requireAccess(ctx.actor, 'org.export');
  const unmasked = query.unmasked === 'true';
  if (unmasked && !can(ctx.actor, 'org.personal.reveal')) throw errors.forbidden('当前角色不能导出未脱敏的个人信息');
  const filter = await buildListFilter(db, ctx.actor, query);
  await writeAudit(db, ctx, { action: unmasked ? 'org.export_unmasked' : 'org.export', entityType: 'org', newValue: query });
  async function* pages() {
    for await (const rows of repo.iterateOrgsForExport(db, filter, unmasked ? 'sealed' : 'masked')) yield rows.map((r) => toSheetRow(r, unmasked));
  }
  return streamSheet({ sheetName: '社会组织名录', columns: ORG_SHEET_COLUMNS, pages: pages() });
}

/**
 * One organization as a sheet row, in the order of ORG_SHEET_COLUMNS (the import reads it back by its headers): the
 * page's own array, relabelled in place (no second array per row), its trailing id dropped; personal data comes
 * masked, or sealed for an unmasked export, which opens it here.
 */
function toSheetRow(r: repo.ExportOrgRow, unmasked: boolean): unknown[] {
  const row = r as unknown[];
  row.length = 18;
  row[2] = LEGAL_FORM_LABELS[r[2]];
  if (unmasked) {
    if (r[8]) row[8] = open(r[8]);
    if (r[9]) row[9] = open(r[9]);
  }
  row[16] = ORG_STATUS_LABELS[r[16]];
  for (let i = 0; i < 18; i++) if (row[i] === null) row[i] = '';
  return row;
}

/** The import template: Chinese headers, drop-down lists for form and category, an example row, instructions. */
export async function importTemplate(db: Kysely<DB>, ctx: RequestContext): Promise<Buffer> {
  requireAccess(ctx.actor, 'org.import');
  const region = ctx.actor.region ? await findRegionByCode(db, ctx.actor.region.code) : undefined;
  const categories = region ? await categoriesFor(db, region) : [...DEFAULT_ORG_CATEGORIES];
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('社会组织');
  sheetColumns(sheet);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.addRow({
    name: '平安夕阳红老年人协会（示例，导入前请删除本行）',
    legalForm: '备案社区社会组织',
    category: '文体活动',
    regionCode: '360802003006',
    regionName: '平安里居委会',
    address: '吉州区文山街道平安里',
    leaderName: '李桂英',
    // No made-up ID number or phone: a number in full in a file we hand out is what the leak scan refuses (issue 12).
    leaderIdNumber: '',
    leaderPhone: '',
    individualMembers: 36,
    foundedOn: '2012-03-15',
    purpose: '丰富社区老年人文化生活',
    activities: '合唱、舞蹈、健身操',
    venue: '平安里社区活动室',
    status: '正常',
  });
  const list = (items: string[]) => `"${items.join(',')}"`;
  const col = (key: string) => ORG_SHEET_COLUMNS.findIndex((c) => c.key === key) + 1;
  for (let row = 2; row <= 2001; row++) {
    sheet.getCell(row, col('legalForm')).dataValidation = {
      type: 'list', allowBlank: false, formulae: [list(Object.values(LEGAL_FORM_LABELS))],
      showErrorMessage: true, errorTitle: '组织形式', error: '请从下拉列表中选择',
    };
    sheet.getCell(row, col('category')).dataValidation = {
      type: 'list', allowBlank: false, formulae: [list(categories)], showErrorMessage: true, errorTitle: '类别', error: '请从下拉列表中选择',
    };
    sheet.getCell(row, col('status')).dataValidation = { type: 'list', allowBlank: true, formulae: [list(Object.values(ORG_STATUS_LABELS))] };
  }
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [{ header: '列', width: 20 }, { header: '说明', width: 80 }];
  notes.getRow(1).font = { bold: true };
  for (const c of ORG_SHEET_COLUMNS) notes.addRow([c.header, [c.note, c.variants.length ? `也可用列名：${c.variants.join('、')}` : ''].filter(Boolean).join('；')]);
  notes.addRow([]);
  notes.addRow(['重复导入', '按统一社会信用代码、或“名称 + 所在社区”匹配已有组织：匹配到则更新，不会重复新增；空白单元格表示保持原值。']);
  notes.addRow(['身份证号', '请保持该列为文本格式，否则 Excel 会把 18 位数字的后几位变成 0。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
