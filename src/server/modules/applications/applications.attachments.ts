import { openBytes, sealBytes } from '../../lib/personal-data.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import type { ApplicationAttachment } from '../../../shared/schemas/applications.js';
import { checkAttachment, type UploadedFile } from '../../lib/uploads.js';
import * as repo from './applications.repository.js';
import { ENTITY, loadApplication } from './applications.service.js';

/** The applicant adds files while the application is theirs to edit (a draft, or returned for correction). */
export async function addApplicationAttachment(
  db: Kysely<DB>,
  ctx: RequestContext,
  id: number,
  file: UploadedFile,
): Promise<ApplicationAttachment> {
  const { app, actor } = await loadApplication(db, ctx, id, 'application.apply');
  if (Number(app.applicant_id) !== actor.id) throw errors.forbidden('只有申请人可以上传申请材料');
  if (app.status !== 'draft' && app.status !== 'returned') throw errors.conflict('application.not_editable', '申请已提交审核，不能再上传材料');
  const { mimeType: mime, filename } = checkAttachment(file);
  const row = await db.transaction().execute(async (trx) => {
    const row = await repo.insertAttachment(trx, { application_id: id, kind: file.kind, filename, mime_type: mime, size_bytes: file.buffer.length, content: sealBytes(file.buffer), uploaded_at: new Date(), uploaded_by: actor.id });
    await writeAudit(trx, ctx, { action: 'application.attachment.add', entityType: ENTITY, entityId: id, newValue: { attachmentId: Number(row.id), kind: file.kind, filename, size: file.buffer.length } });
    return row;
  });
  return { id: Number(row.id), kind: file.kind as ApplicationAttachment['kind'], filename, mimeType: mime, sizeBytes: file.buffer.length, uploadedAt: new Date(row.uploaded_at).toISOString() };
}

export async function downloadApplicationAttachment(db: Kysely<DB>, ctx: RequestContext, id: number, attachmentId: number) {
  await loadApplication(db, ctx, id, 'application.read');
  const row = await repo.findAttachmentContent(db, id, attachmentId);
  if (!row) throw errors.notFound('attachment');
  // Stored sealed (a member list or an ID card scan is personal data: PIPL art. 51).
  return { filename: row.filename, mimeType: row.mime_type, content: openBytes(row.content) };
}

export async function removeApplicationAttachment(db: Kysely<DB>, ctx: RequestContext, id: number, attachmentId: number) {
  const { app, actor } = await loadApplication(db, ctx, id, 'application.apply');
  if (Number(app.applicant_id) !== actor.id) throw errors.forbidden('只有申请人可以删除申请材料');
  if (app.status !== 'draft' && app.status !== 'returned') throw errors.conflict('application.not_editable', '申请已提交审核，不能删除材料');
  const row = await repo.findAttachmentContent(db, id, attachmentId);
  if (!row) throw errors.notFound('attachment');
  await db.transaction().execute(async (trx) => {
    await repo.deleteAttachment(trx, attachmentId);
    await writeAudit(trx, ctx, { action: 'application.attachment.remove', entityType: ENTITY, entityId: id, oldValue: { attachmentId, kind: row.kind, filename: row.filename } });
  });
}
