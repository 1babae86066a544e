import type { FastifyReply, FastifyRequest } from 'fastify';
import { ATTACHMENT_KINDS, ATTACHMENT_KIND_LABELS } from '../../shared/schemas/orgs.js';
import { errors } from './errors.js';
import { contentDisposition } from './content-disposition.js';
import { assertStorableText } from './text-input.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export interface UploadedFile {
  kind: string;
  filename: string;
  buffer: Buffer;
  truncated: boolean;
}

/** Reads one multipart upload: the `kind` field first, then `file` (the order the form sends them in). */
export async function readUpload(request: FastifyRequest): Promise<UploadedFile> {
  if (!request.isMultipart()) throw errors.badRequest('attachment.no_file', '请以 multipart/form-data 上传文件', { file: '请选择文件' });
  const file = await request.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES } });
  if (!file) throw errors.validation({ file: '请选择文件' });
  const kindField = file.fields.kind as { value?: unknown } | undefined;
  // Multipart text is parsed here, after the app-wide check of every other string (plugins/text-input.ts).
  assertStorableText({ kind: kindField?.value, filename: file.filename });
  const buffer = await file.toBuffer().catch(() => null);
  return { kind: String(kindField?.value ?? ''), filename: file.filename, buffer: buffer ?? Buffer.alloc(0), truncated: buffer === null || file.file.truncated };
}

/** What offices scan and attach: PDFs, photos, Word and Excel files. Recognized by their first bytes, not their name. */
export function sniffType(buf: Buffer, filename: string): string | null {
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (buf.length > 4 && buf.readUInt32LE(0) === 0x04034b50) {
    if (/\.docx$/i.test(filename)) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (/\.xlsx$/i.test(filename)) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  }
  if (buf.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    return /\.xls$/i.test(filename) ? 'application/vnd.ms-excel' : 'application/msword';
  }
  return null;
}

/** Checks an upload against the rules every attachment follows; returns its sniffed type and a safe file name. */
export function checkAttachment(file: UploadedFile): { mimeType: string; filename: string } {
  if (!(ATTACHMENT_KINDS as readonly string[]).includes(file.kind)) {
    throw errors.validation({ kind: `请选择材料类型（${Object.values(ATTACHMENT_KIND_LABELS).join('、')}）` });
  }
  if (file.truncated || file.buffer.length > MAX_ATTACHMENT_BYTES) throw errors.validation({ file: '附件不能超过 10 MB' });
  if (file.buffer.length === 0) throw errors.validation({ file: '文件是空的' });
  const mimeType = sniffType(file.buffer, file.filename);
  if (!mimeType) throw errors.validation({ file: '只接受 PDF、JPG、PNG、Word 或 Excel 文件' });
  return { mimeType, filename: file.filename.replace(/[\\/\r\n"]/g, '_').slice(0, 120) };
}

/** Sends a stored file: PDFs and images inline (for preview), others as downloads; never sniffed by the browser. */
export function sendStoredFile(reply: FastifyReply, file: { filename: string; mimeType: string; content: Buffer }) {
  const inline = /^(application\/pdf|image\/)/.test(file.mimeType);
  return reply
    .header('content-type', file.mimeType)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', contentDisposition(file.filename, { inline }))
    .send(file.content);
}
