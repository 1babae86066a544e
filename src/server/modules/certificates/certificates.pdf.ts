import QRCode from 'qrcode';
import { chineseDate, chinesePdf } from '../../lib/pdf.js';

export interface CertificateContent {
  title: string;
  number: string;
  rows: [label: string, value: string][];
  issuer: string;
  issuedOn: string;
  statusNote: string | null;
  verifyUrl: string;
}

const MAX_VALUE_CHARS = 120;

/** An A4 document with the Chinese fonts (lib/pdf.ts chinesePdf): the certificates here, the printed annual reports. */
export function startA4Pdf(info: PDFKit.DocumentInfo, margin = 56): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  return chinesePdf({ size: 'A4', margin, info });
}

/** A one-page A4 certificate; pdfkit embeds only the glyphs used, so the file stays small. */
export async function renderCertificatePdf(c: CertificateContent): Promise<Buffer> {
  const qr = await QRCode.toBuffer(c.verifyUrl, { margin: 1, width: 240, errorCorrectionLevel: 'M' });
  const { doc, done } = startA4Pdf({ Title: `${c.title} ${c.number}`, Author: c.issuer, Subject: c.title });

  const { width } = doc.page;
  const inner = width - 112;
  doc.lineWidth(2).rect(36, 36, width - 72, doc.page.height - 72).stroke('#8b1a1a');
  doc.lineWidth(0.5).rect(42, 42, width - 84, doc.page.height - 84).stroke('#8b1a1a');
  doc.font('bold').fontSize(26).fillColor('#8b1a1a').text(c.title, 56, 96, { width: inner, align: 'center', characterSpacing: 4 });
  doc.font('regular').fontSize(11).fillColor('#333').text(`证书编号：${c.number}`, 56, 146, { width: inner, align: 'center' });
  if (c.statusNote) doc.font('bold').fontSize(12).fillColor('#b00020').text(c.statusNote, 56, 166, { width: inner, align: 'center' });

  let y = 200;
  doc.fillColor('#000');
  for (const [label, value] of c.rows) {
    doc.font('bold').fontSize(12).text(label, 80, y, { width: 110 });
    // Long texts (a purpose may run to 2,000 characters) are cut so the page keeps room for the seal and QR code.
    const shown = value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value;
    doc.font('regular').fontSize(12).text(shown || '—', 190, y, { width: inner - 134, lineGap: 3 });
    y = Math.max(doc.y, y + 18) + 12;
  }

  const bottom = doc.page.height - 220;
  doc.image(qr, 80, bottom, { width: 110 });
  doc.font('regular').fontSize(9).fillColor('#555').text('扫码核验证书真伪与状态', 70, bottom + 116, { width: 130, align: 'center' });
  doc.fontSize(8).text(c.verifyUrl, 56, bottom + 134, { width: inner, lineBreak: false });
  doc.font('bold').fontSize(14).fillColor('#000').text(c.issuer, width - 320, bottom + 30, { width: 240, align: 'right' });
  doc.font('regular').fontSize(12).text(chineseDate(c.issuedOn), width - 320, bottom + 60, { width: 240, align: 'right' });
  doc.end();
  return done;
}
