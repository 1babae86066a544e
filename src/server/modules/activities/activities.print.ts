import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { writeAudit } from '../../lib/audit.js';
import { errors } from '../../lib/errors.js';
import { requireAccess } from '../../lib/access.js';
import { chineseDate, chinesePdf } from '../../lib/pdf.js';
import type { LedgerIoQuery } from '../../../shared/schemas/ledger-io.js';
import * as repo from './activities.io.repository.js';
import { ledgerPages, selectLedger } from './activities.export.js';
import { periodOf } from './activities.ledger.js';

/** A printed ledger beyond this many rows is no paper anyone keeps: the office narrows the period or the node. */
export const MAX_PRINTED_ROWS = 5_000;

const hours = (minutes: number) => String(Math.round((minutes / 60) * 10) / 10);

export interface PrintedLedger {
  /** Whose ledger: the community (or node) named in the header. */
  unit: string;
  org: string | null;
  from: string;
  to: string;
  rows: repo.LedgerRow[];
}

// A4 landscape (842 × 595 pt): a ledger's eight columns fit side by side as on the paper form.
const MARGIN = 40;
const COLUMNS: { title: string; width: number; align?: 'center' | 'right'; cell: (r: repo.LedgerRow, i: number) => string }[] = [
  { title: '序号', width: 34, align: 'center', cell: (_r, i) => String(i + 1) },
  { title: '日期', width: 64, align: 'center', cell: (r) => r.held_on },
  { title: '组织名称', width: 150, cell: (r) => r.org_name },
  { title: '活动名称', width: 170, cell: (r) => r.title },
  { title: '活动类型', width: 60, align: 'center', cell: (r) => r.activity_type },
  { title: '活动地点', width: 150, cell: (r) => r.place },
  { title: '参与人数', width: 50, align: 'right', cell: (r) => String(r.participants) },
  { title: '志愿者（人／小时）', width: 84, align: 'center', cell: (r) => (r.volunteers || r.volunteer_minutes ? `${r.volunteers} / ${hours(r.volunteer_minutes)}` : '—') },
];
const TABLE_WIDTH = COLUMNS.reduce((s, c) => s + c.width, 0);
const PAD = 4;
const FONT_SIZE = 9;

/**
 * The ledger as offices keep it on paper (台账, seed 004): the unit and the period at the top, numbered rows, the
 * table's head again on every page, totals, the signature lines (填报人 / 社区负责人 / 日期) after the last row, and
 * 第 n 页 共 m 页 on every page. pdfkit embeds only the glyphs used, so a long ledger stays small.
 */
export async function renderLedgerPdf(l: PrintedLedger): Promise<Buffer> {
  const { doc, done } = chinesePdf({ size: 'A4', layout: 'landscape', margin: MARGIN, bufferPages: true, info: { Title: `${l.unit}社会组织活动台账`, Subject: '社会组织活动台账' } });
  const left = (doc.page.width - TABLE_WIDTH) / 2;
  const bottom = doc.page.height - MARGIN - 24;

  const heightOf = (cells: string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(FONT_SIZE);
    return Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: COLUMNS[i].width - 2 * PAD }))) + 2 * PAD;
  };
  const drawRow = (cells: string[], y: number, font: 'regular' | 'bold', fill?: string) => {
    const h = heightOf(cells, font);
    let x = left;
    cells.forEach((text, i) => {
      const c = COLUMNS[i];
      if (fill) doc.rect(x, y, c.width, h).fill(fill);
      doc.lineWidth(0.5).strokeColor('#000').rect(x, y, c.width, h).stroke();
      doc.fillColor('#000').font(font).fontSize(FONT_SIZE).text(text, x + PAD, y + PAD, { width: c.width - 2 * PAD, align: c.align ?? 'left' });
      x += c.width;
    });
    return y + h;
  };
  const head = () => drawRow(COLUMNS.map((c) => c.title), MARGIN, 'bold', '#eeeeee');

  // The first page's title block.
  doc.font('bold').fontSize(18).fillColor('#000').text(`${l.unit}社会组织活动台账`, MARGIN, MARGIN, { width: doc.page.width - 2 * MARGIN, align: 'center' });
  doc.font('regular').fontSize(10).text(`统计期间：${chineseDate(l.from)} 至 ${chineseDate(l.to)}${l.org ? `　　组织：${l.org}` : ''}　　共 ${l.rows.length} 项活动`, MARGIN, doc.y + 6, { width: doc.page.width - 2 * MARGIN, align: 'center' });
  let y = drawRow(COLUMNS.map((c) => c.title), doc.y + 10, 'bold', '#eeeeee');
  l.rows.forEach((r, i) => {
    const cells = COLUMNS.map((c) => c.cell(r, i));
    if (y + heightOf(cells, 'regular') > bottom) {
      doc.addPage();
      y = head();
    }
    y = drawRow(cells, y, 'regular');
  });
  if (l.rows.length === 0) {
    doc.font('regular').fontSize(10).text('本期没有登记活动。', left, y + 8);
    y = doc.y;
  }
  const participants = l.rows.reduce((s, r) => s + r.participants, 0);
  const volunteers = l.rows.reduce((s, r) => s + r.volunteers, 0);
  const minutes = l.rows.reduce((s, r) => s + r.volunteer_minutes, 0);
  // Totals and signatures stay together on the last page.
  if (y + 90 > bottom) {
    doc.addPage();
    y = MARGIN;
  }
  doc.font('regular').fontSize(10).fillColor('#000').text(`合计：活动 ${l.rows.length} 项，参与 ${participants} 人次，志愿者 ${volunteers} 人次、服务 ${hours(minutes)} 小时。`, left, y + 10, { width: TABLE_WIDTH });
  const signY = doc.y + 30;
  const third = TABLE_WIDTH / 3;
  ['填报人：________________', '社区负责人：________________', '日期：______年____月____日'].forEach((t, i) => {
    doc.font('regular').fontSize(11).text(t, left + i * third, signY, { width: third, lineBreak: false });
  });

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Below the bottom margin pdfkit would start a new page for the footer: the margin is lifted for it.
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(9).fillColor('#444').text(`第 ${i + 1} 页　共 ${range.count} 页`, MARGIN, doc.page.height - MARGIN - 12, { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}

/** The printed ledger of the selection, over the ledger view's period (default the twelve months up to today); audited like an export. */
export async function printLedger(db: Kysely<DB>, ctx: RequestContext, query: LedgerIoQuery): Promise<Buffer> {
  requireAccess(ctx.actor, 'activity.read');
  const { from, to } = periodOf(query.from, query.to);
  const { filter, node, org } = await selectLedger(db, ctx, { ...query, from, to });
  const count = await repo.countLedger(db, filter);
  if (count > MAX_PRINTED_ROWS) {
    throw errors.badRequest('ledger.too_many_to_print', `本期共 ${count} 项活动，打印台账一次最多 ${MAX_PRINTED_ROWS} 项：请缩短统计期间或选择下级区划、单个组织`);
  }
  const rows: repo.LedgerRow[] = [];
  for await (const page of ledgerPages(db, filter)) rows.push(...page);
  await writeAudit(db, ctx, { action: 'activity.print', entityType: 'activity', newValue: { ...query, from, to, rows: rows.length }, regionCode: ctx.actor!.region?.code ?? null });
  return renderLedgerPdf({ unit: node?.name ?? '全部辖区', org: org?.name ?? null, from, to, rows });
}
