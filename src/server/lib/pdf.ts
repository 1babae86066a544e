import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

// The Chinese font comes from npm (no system font): Noto Sans SC, SIL Open Font License.
const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

/**
 * A pdfkit document with the Chinese fonts registered as 'regular' and 'bold', and the finished file: `done` resolves
 * with the bytes once the caller has called `doc.end()`. pdfkit embeds only the glyphs used, so files stay small.
 */
export function chinesePdf(options: PDFKit.PDFDocumentOptions): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument(options);
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/** `2026年3月5日` from `2026-03-05`. */
export const chineseDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
