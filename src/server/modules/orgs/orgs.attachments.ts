import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { loadOrg } from './orgs.service.js';
import { ATTACHMENT_KIND_LABELS, type OrgAttachment } from '../../../shared/schemas/orgs.js';
import { checkAttachment, type UploadedFile } from '../../lib/uploads.js';
import * as repo from './orgs.repository.js';


export async function listAttachments(db: Kysely<DB>, ctx: RequestContext, orgId: number): Promise<{ items: OrgAttachment[] }> {
  await loadOrg(db, ctx, orgId, 'org.read');
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
  file: UploadedFile,
): Promise<OrgAttachment> {
  const org = await loadOrg(db, ctx, orgId, 'org.update');
  const { mimeType: mime, filename } = checkAttachment(file);
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
  await loadOrg(db, ctx, orgId, 'org.read');
  const row = await findAttachment(db, orgId, attachmentId);
  return { filename: row.filename, mimeType: row.mime_type, content: Buffer.from(row.content) };
}

export async function removeAttachment(db: Kysely<DB>, ctx: RequestContext, orgId: number, attachmentId: number) {
  const org = await loadOrg(db, ctx, orgId, 'org.update');
  const row = await findAttachment(db, orgId, attachmentId);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('org_attachments').where('id', '=', attachmentId).execute();
    const change = { attachments: { from: `${ATTACHMENT_KIND_LABELS[row.kind as OrgAttachment['kind']] ?? row.kind}：${row.filename}`, to: null } };
    await repo.insertHistory(trx, { orgId, version: org.version, actorId: ctx.actor!.id, actorName: ctx.actor!.username, action: 'attachment.remove', reason: null, changes: change });
    await writeAudit(trx, ctx, { action: 'org.attachment.remove', entityType: 'org', entityId: orgId, oldValue: { attachmentId, kind: row.kind, filename: row.filename } });
  });
}
