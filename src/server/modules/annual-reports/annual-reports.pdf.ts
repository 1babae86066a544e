// The Chinese font comes from npm (no system font): Noto Sans SC, SIL Open Font License, as the certificates embed it.
import { startA4Pdf } from '../certificates/index.js';

/** What the printed report shows: the cover, the sections as label/value tables, the declaration page. */
export interface ReportPrint {
  title: string;
  orgName: string;
  creditCode: string | null;
  year: number;
  regionPath: string;
  statusNote: string;
  sections: { title: string; rows: [label: string, value: string][] }[];
  declaration: { text: string; signerName: string | null; signedOn: string | null };
  conclusion: { label: string; opinion: string | null; concludedOn: string | null } | null;
}

const MARGIN = 56;

/**
 * A4 in the layout of the paper 年检报告书 offices keep: a cover (organization, credit code, year), then each section
 * as a two-column table with ruled rows, then the declaration page with the signature and seal lines.
 */
export async function renderReportPdf(p: ReportPrint): Promise<Buffer> {
  const { doc, done } = startA4Pdf({ Title: `${p.orgName} ${p.year} ${p.title}`, Subject: p.title }, MARGIN);
  const width = doc.page.width - MARGIN * 2;

  // Cover.
  doc.font('bold').fontSize(30).text(`${p.year} 年度`, MARGIN, 170, { width, align: 'center' });
  doc.fontSize(28).text(p.title, MARGIN, 220, { width, align: 'center', characterSpacing: 2 });
  const cover: [string, string][] = [
    ['组织名称', p.orgName],
    ['统一社会信用代码', p.creditCode ?? '（备案组织无代码）'],
    ['所在地', p.regionPath],
    ['报告年度', `${p.year} 年`],
    ['状态', p.statusNote],
  ];
  let y = 400;
  for (const [label, value] of cover) {
    doc.font('bold').fontSize(13).text(`${label}：`, MARGIN + 40, y, { width: 150, align: 'right' });
    doc.font('regular').fontSize(13).text(value, MARGIN + 200, y, { width: width - 240 });
    doc.moveTo(MARGIN + 200, doc.y + 2).lineTo(MARGIN + width - 40, doc.y + 2).lineWidth(0.5).stroke('#444');
    y = doc.y + 20;
  }

  // Sections, each a table, one after another; rows break across pages as the paper form's continuation sheets do.
  doc.addPage();
  y = MARGIN;
  const bottom = doc.page.height - MARGIN;
  for (const s of p.sections) {
    // A heading is not left alone at the foot of a page.
    if (y + 70 > bottom) {
      doc.addPage();
      y = MARGIN;
    }
    doc.font('bold').fontSize(15).fillColor('#000').text(s.title, MARGIN, y, { width });
    y = doc.y + 8;
    for (const [label, value] of s.rows) {
      const h = Math.max(doc.font('regular').fontSize(11).heightOfString(value || '—', { width: width - 170 }), 14) + 12;
      if (y + h > bottom) {
        doc.addPage();
        y = MARGIN;
      }
      doc.lineWidth(0.5).rect(MARGIN, y, 160, h).stroke('#666').rect(MARGIN + 160, y, width - 160, h).stroke('#666');
      doc.font('bold').fontSize(11).text(label, MARGIN + 6, y + 6, { width: 150 });
      doc.font('regular').fontSize(11).text(value || '—', MARGIN + 166, y + 6, { width: width - 170 });
      y += h;
    }
    y += 18;
  }

  // The declaration page (声明签章页) with the signature and seal lines.
  doc.addPage();
  doc.font('bold').fontSize(18).text('声明', MARGIN, 120, { width, align: 'center' });
  doc.font('regular').fontSize(13).text(p.declaration.text, MARGIN + 20, 180, { width: width - 40, lineGap: 8 });
  y = 420;
  for (const label of ['法定代表人（负责人）签字：', '单位（组织）盖章：', '日期：']) {
    doc.font('regular').fontSize(13).text(label, MARGIN + 40, y, { width: 200 });
    doc.moveTo(MARGIN + 240, y + 16).lineTo(MARGIN + width - 40, y + 16).lineWidth(0.5).stroke('#000');
    y += 50;
  }
  if (p.declaration.signerName || p.declaration.signedOn) {
    doc.fontSize(10).fillColor('#555').text(`填报签字人：${p.declaration.signerName ?? '—'}　签署日期：${p.declaration.signedOn ?? '—'}`, MARGIN + 40, y + 10, { width: width - 80 });
  }
  if (p.conclusion) {
    doc.fillColor('#000').font('bold').fontSize(13).text(`审核（年检）结论：${p.conclusion.label}`, MARGIN + 40, y + 60, { width: width - 80 });
    doc.font('regular').fontSize(11).text(`意见：${p.conclusion.opinion ?? '—'}　日期：${p.conclusion.concludedOn ?? '—'}`, MARGIN + 40, doc.y + 8, { width: width - 80 });
  }
  doc.end();
  return done;
}
