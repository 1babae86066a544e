import { chineseDate, chinesePdf } from '../../lib/pdf.js';

/**
 * The two letters of the credit procedure as offices send them on paper (民政部令第60号; issue 14 item 3): the notice
 * before listing (列入…告知书: facts, reasons, basis, the organization's rights and the objection deadline) and the
 * removal decision (移出…决定书). A4 portrait, one page as a rule; a long text of facts flows onto a second page.
 * The renderer takes the letter's words ready-made (credit.print.service.ts reads them from the entry), so it
 * knows nothing of the database and its test reads the words back from the file.
 */
export interface NoticeLetter {
  /** 告知书 number (the credit module's notice number). */
  number: string;
  orgName: string;
  creditCode: string | null;
  /** 活动异常名录 / 严重违法失信名单. */
  listLabel: string;
  /** The ground in words (e.g. 未按照规定时限报送年度工作报告). */
  ground: string;
  /** One line per fact, each with its day (CreditNotice.facts). */
  facts: string[];
  /** Why the facts meet the ground (the reasons paragraph). */
  reasons: string;
  /** 依据：…（…，…），… of the ground's rule (basisOf(rule, on).text). */
  basisText: string;
  /** The same of credit.notice: the rule that gives the objection window. */
  noticeBasisText: string;
  /** The organization's rights as the notice states them (陈述、申辩, the window). */
  rights: string;
  noticedOn: string;
  objectionDueOn: string;
  /** The office that lists (吉州区民政局). */
  office: string;
}

export interface RemovalLetter {
  number: string;
  orgName: string;
  creditCode: string | null;
  listLabel: string;
  ground: string;
  listedOn: string;
  removedOn: string;
  /** Why it is removed (verified compliance, two clean years on application, …). */
  reason: string;
  basisText: string;
  office: string;
}

const MARGIN = 64;

function letterhead(doc: PDFKit.PDFDocument, title: string, number: string) {
  const width = doc.page.width - 2 * MARGIN;
  doc.font('bold').fontSize(20).fillColor('#000').text(title, MARGIN, MARGIN + 8, { width, align: 'center', characterSpacing: 2 });
  doc.font('regular').fontSize(11).text(number, MARGIN, doc.y + 8, { width, align: 'center' });
  doc.moveDown(1.2);
}

// Closing punctuation never opens a line (禁则): it stays at the end of the line before, a little past the margin.
const NO_LINE_START = new Set('，。、；：？！）》」』”’％〕'.split(''));
// Opening brackets never end one: they go on to the next line with what they open.
const NO_LINE_END = new Set('（《「『“‘〔'.split(''));

/**
 * A paragraph as Chinese letters set it: two characters' indent on the first line, lines broken between characters
 * (pdfkit's own wrapper breaks at spaces and loses a leading indent on some paragraphs), each line drawn on its own.
 */
function paragraph(doc: PDFKit.PDFDocument, text: string, opts: { indent?: boolean; bold?: boolean } = {}) {
  const size = 12;
  const lineHeight = size * 1.5;
  const width = doc.page.width - 2 * MARGIN;
  doc.font(opts.bold ? 'bold' : 'regular').fontSize(size).fillColor('#000');
  const indent = opts.indent === false ? 0 : size * 2;
  const lines: { text: string; x: number }[] = [];
  let line = '';
  let room = width - indent;
  for (const ch of text) {
    if (line && doc.widthOfString(line + ch) > room && !NO_LINE_START.has(ch)) {
      const carried = line.length > 1 && NO_LINE_END.has(line.slice(-1)) ? line.slice(-1) : '';
      lines.push({ text: carried ? line.slice(0, -1) : line, x: MARGIN + (lines.length === 0 ? indent : 0) });
      line = carried;
      room = width;
    }
    line += ch;
  }
  if (line) lines.push({ text: line, x: MARGIN + (lines.length === 0 ? indent : 0) });
  let y = doc.y;
  for (const l of lines) {
    if (y + lineHeight > doc.page.height - MARGIN) {
      doc.addPage();
      doc.font(opts.bold ? 'bold' : 'regular').fontSize(size).fillColor('#000');
      y = MARGIN;
    }
    doc.text(l.text, l.x, y, { lineBreak: false });
    y += lineHeight;
  }
  doc.x = MARGIN;
  doc.y = y + 4;
}

function heading(doc: PDFKit.PDFDocument, text: string) {
  doc.moveDown(0.3);
  paragraph(doc, text, { bold: true });
}

/** The office and the day at the right, and the line that tells where the seal goes. */
function signature(doc: PDFKit.PDFDocument, office: string, on: string) {
  if (doc.y > doc.page.height - MARGIN - 90) doc.addPage();
  const x = doc.page.width - MARGIN - 240;
  doc.moveDown(1.2);
  doc.font('bold').fontSize(13).text(office, x, doc.y, { width: 240, align: 'right' });
  doc.font('regular').fontSize(12).text('（盖章）', x, doc.y + 4, { width: 240, align: 'right' });
  doc.text(chineseDate(on), x, doc.y + 4, { width: 240, align: 'right' });
}

function footer(doc: PDFKit.PDFDocument, note: string) {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Below the bottom margin pdfkit would start a new page for the footer: the margin is lifted for it.
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(9)
      .fillColor('#444')
      .text(range.count > 1 ? `${note}　第 ${i + 1} 页　共 ${range.count} 页` : note, MARGIN, doc.page.height - MARGIN + 16, { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false });
  }
}

const addressee = (orgName: string, creditCode: string | null) => `${orgName}${creditCode ? `（统一社会信用代码：${creditCode}）` : ''}：`;

/** 列入活动异常名录（严重违法失信名单）告知书: sent before listing; the organization may state its case within the window. */
export async function renderNoticePdf(n: NoticeLetter): Promise<Buffer> {
  const title = `列入${n.listLabel}告知书`;
  const { doc, done } = chinesePdf({ size: 'A4', margin: MARGIN, bufferPages: true, info: { Title: `${title} ${n.number}`, Author: n.office, Subject: title } });
  letterhead(doc, title, n.number);
  paragraph(doc, addressee(n.orgName, n.creditCode), { indent: false });
  paragraph(doc, `经查，你单位存在下列情形，本机关拟将你单位列入${n.listLabel}。现将有关事项告知如下：`);
  heading(doc, '一、事实');
  n.facts.forEach((f, i) => paragraph(doc, n.facts.length > 1 ? `${i + 1}. ${f}` : f));
  heading(doc, '二、理由');
  paragraph(doc, `${n.reasons}（列入事由：${n.ground}）`);
  heading(doc, '三、依据');
  paragraph(doc, n.basisText);
  heading(doc, '四、你单位享有的权利');
  paragraph(doc, n.rights);
  paragraph(doc, `提出陈述、申辩的截止日期：${chineseDate(n.objectionDueOn)}（含当日）。可以通过社会组织服务平台或者书面方式提出，并提交相关证据材料；本机关将对你单位提出的事实、理由和证据进行复核。`);
  paragraph(doc, n.noticeBasisText);
  paragraph(doc, `逾期未提出异议的，视为放弃陈述、申辩的权利，本机关将依法将你单位列入${n.listLabel}，并通过统一信息平台向社会公开。`);
  paragraph(doc, '列入后，你单位依法纠正有关行为或者符合移出条件的，可以向本机关申请移出。');
  signature(doc, n.office, n.noticedOn);
  footer(doc, `本告知书一式两份，一份送达${n.orgName}，一份存档。`);
  doc.end();
  return done;
}

/** 移出活动异常名录（严重违法失信名单）决定书: the removal and its ground; the history stays public. */
export async function renderRemovalPdf(r: RemovalLetter): Promise<Buffer> {
  const title = `移出${r.listLabel}决定书`;
  const { doc, done } = chinesePdf({ size: 'A4', margin: MARGIN, bufferPages: true, info: { Title: `${title} ${r.number}`, Author: r.office, Subject: title } });
  letterhead(doc, title, r.number);
  paragraph(doc, addressee(r.orgName, r.creditCode), { indent: false });
  paragraph(doc, `你单位于 ${chineseDate(r.listedOn)} 因“${r.ground}”被本机关列入${r.listLabel}。`);
  paragraph(doc, `${r.reason}，符合移出条件。`);
  paragraph(doc, r.basisText);
  paragraph(doc, `本机关决定自 ${chineseDate(r.removedOn)} 起将你单位移出${r.listLabel}。列入和移出的信息作为信用记录依法保留并向社会公开。`);
  signature(doc, r.office, r.removedOn);
  footer(doc, `本决定书一式两份，一份送达${r.orgName}，一份存档。`);
  doc.end();
  return done;
}
