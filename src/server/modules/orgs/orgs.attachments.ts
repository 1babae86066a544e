import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { requireAccess } from '../../lib/access.js';
import { ATTACHMENT_KINDS, ATTACHMENT_KIND_LABELS, type OrgAttachment } from '../../../shared/schemas/orgs.js';
import * as repo from './orgs.repository.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

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

async function loadOrgFor(db: Kysely<DB>, ctx: RequestContext, id: number, permission: 'org.read' | 'org.update') {
  requireAccess(ctx.actor, permission);
  const org = await repo.findOrgById(db, id);
  if (!org) throw errors.notFound('org');
  requireAccess(ctx.actor, permission, { entity: 'org', path: org });
  return org;
}

export async function listAttachments(db: Kysely<DB>, ctx: RequestContext, orgId: number): Promise<{ items: OrgAttachment[] }> {
  await loadOrgFor(db, ctx, orgId, 'org.read');
  const rows = await db
    .selectFrom('org_attachments as a')
    .leftJoin('users as u', 'u.id', 'a.uploaded_by')
    .select(['a.id', 'a.kind', 'a.filename', 'a.mime_type', 'a.size_bytes', 'a.uploaded_at', 'u.username'])
    .where('a.org_id', '=', orgId)
    .orderBy('a.id')
    .execute();
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind as OrgAttachment['kind'],
      filename: r.filename,
      mimeType: r.mime_type,
      sizeBytes: r.size_bytes,
      uploadedAt: new Date(r.uploaded_at).toISOString(),
      uploadedBy: r.username,
    })),
  };
}

export async function addAttachment(
  db: Kysely<DB>,
  ctx: RequestContext,
  orgId: number,
  file: { kind: string; filename: string; buffer: Buffer; truncated: boolean },
): Promise<OrgAttachment> {
  const org = await loadOrgFor(db, ctx, orgId, 'org.update');
  if (!(ATTACHMENT_KINDS as readonly string[]).includes(file.kind)) {
    throw errors.validation({ kind: `请选择材料类型（${Object.values(ATTACHMENT_KIND_LABELS).join('、')}）` });
  }
  if (file.truncated || file.buffer.length > MAX_ATTACHMENT_BYTES) throw errors.validation({ file: '附件不能超过 10 MB' });
  if (file.buffer.length === 0) throw errors.validation({ file: '文件是空的' });
  const mime = sniffType(file.buffer, file.filename);
  if (!mime) throw errors.validation({ file: '只接受 PDF、JPG、PNG、Word 或 Excel 文件' });
  const filename = file.filename.replace(/[\\/\r\n"]/g, '_').slice(0, 120);
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('org_attachments')
      .values({ org_id: orgId, kind: file.kind, filename, mime_type: mime, size_bytes: file.buffer.length, content: file.buffer, uploaded_at: new Date(), uploaded_by: ctx.actor!.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const change = { attachments: { from: null, to: `${ATTACHMENT_KIND_LABELS[file.kind as OrgAttachment['kind']]}：${filename}` } };
    await repo.insertHistory(trx, { orgId, version: org.version, actorId: ctx.actor!.id, actorName: ctx.actor!.username, action: 'attachment.add', reason: null, changes: change });
    await writeAudit(trx, ctx, { action: 'org.attachment.add', entityType: 'org', entityId: orgId, newValue: { attachmentId: Number(row.id), kind: file.kind, filename, size: file.buffer.length } });
    return Number(row.id);
  });
  return (await listAttachments(db, ctx, orgId)).items.find((a) => a.id === id)!;
}

async function findAttachment(db: Kysely<DB>, orgId: number, attachmentId: number) {
  const row = await db.selectFrom('org_attachments').selectAll().where('id', '=', attachmentId).where('org_id', '=', orgId).executeTakeFirst();
  if (!row) throw errors.notFound('attachment');
  return row;
}

export async function downloadAttachment(db: Kysely<DB>, ctx: RequestContext, orgId: number, attachmentId: number) {
  await loadOrgFor(db, ctx, orgId, 'org.read');
  const row = await findAttachment(db, orgId, attachmentId);
  return { filename: row.filename, mimeType: row.mime_type, content: Buffer.from(row.content) };
}

export async function removeAttachment(db: Kysely<DB>, ctx: RequestContext, orgId: number, attachmentId: number) {
  const org = await loadOrgFor(db, ctx, orgId, 'org.update');
  const row = await findAttachment(db, orgId, attachmentId);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('org_attachments').where('id', '=', attachmentId).execute();
    const change = { attachments: { from: `${ATTACHMENT_KIND_LABELS[row.kind as OrgAttachment['kind']] ?? row.kind}：${row.filename}`, to: null } };
    await repo.insertHistory(trx, { orgId, version: org.version, actorId: ctx.actor!.id, actorName: ctx.actor!.username, action: 'attachment.remove', reason: null, changes: change });
    await writeAudit(trx, ctx, { action: 'org.attachment.remove', entityType: 'org', entityId: orgId, oldValue: { attachmentId, kind: row.kind, filename: row.filename } });
  });
}
