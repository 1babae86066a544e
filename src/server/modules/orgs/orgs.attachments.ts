import { openBytes, sealBytes } from '../../lib/personal-data.js';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { loadOrgFor } from './orgs.service.js';
import { ATTACHMENT_KIND_LABELS, type OrgAttachment } from '../../../shared/schemas/orgs.js';
import { checkAttachment, type UploadedFile } from '../../lib/uploads.js';
import * as repo from './orgs.attachments.repository.js';
import { insertHistory } from './orgs.repository.js';


export async function listAttachments(db: Kysely<DB>, ctx: RequestContext, orgId: number): Promise<{ items: OrgAttachment[] }> {
  await loadOrgFor(db, ctx, orgId, 'org.read');
  const rows = await repo.findAttachments(db, orgId);
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
  const org = await loadOrgFor(db, ctx, orgId, 'org.update');
  const { mimeType: mime, filename } = checkAttachment(file);
  const id = await db.transaction().execute(async (trx) => {
    const row = await repo.insertAttachment(trx, { org_id: orgId, kind: file.kind, filename, mime_type: mime, size_bytes: file.buffer.length, content: sealBytes(file.buffer), uploaded_at: new Date(), uploaded_by: ctx.actor!.id });
    const change = { attachments: { from: null, to: `${ATTACHMENT_KIND_LABELS[file.kind as OrgAttachment['kind']]}：${filename}` } };
    await insertHistory(trx, { orgId, version: org.version, actorId: ctx.actor!.id, actorName: ctx.actor!.username, action: 'attachment.add', reason: null, changes: change });
    await writeAudit(trx, ctx, { action: 'org.attachment.add', entityType: 'org', entityId: orgId, newValue: { attachmentId: Number(row.id), kind: file.kind, filename, size: file.buffer.length } });
    return Number(row.id);
  });
  return (await listAttachments(db, ctx, orgId)).items.find((a) => a.id === id)!;
}

async function findAttachment(db: Kysely<DB>, orgId: number, attachmentId: number) {
  const row = await repo.findAttachment(db, orgId, attachmentId);
  if (!row) throw errors.notFound('attachment');
  return row;
}

export async function downloadAttachment(db: Kysely<DB>, ctx: RequestContext, orgId: number, attachmentId: number) {
  await loadOrgFor(db, ctx, orgId, 'org.read');
  const row = await findAttachment(db, orgId, attachmentId);
  // Stored sealed (a member list or an ID card scan is personal data: PIPL art. 51); opened for the reader entitled to it.
  return { filename: row.filename, mimeType: row.mime_type, content: openBytes(row.content) };
}

export async function removeAttachment(db: Kysely<DB>, ctx: RequestContext, orgId: number, attachmentId: number) {
  const org = await loadOrgFor(db, ctx, orgId, 'org.update');
  const row = await findAttachment(db, orgId, attachmentId);
  await db.transaction().execute(async (trx) => {
    await repo.deleteAttachment(trx, attachmentId);
    const change = { attachments: { from: `${ATTACHMENT_KIND_LABELS[row.kind as OrgAttachment['kind']] ?? row.kind}：${row.filename}`, to: null } };
    await insertHistory(trx, { orgId, version: org.version, actorId: ctx.actor!.id, actorName: ctx.actor!.username, action: 'attachment.remove', reason: null, changes: change });
    await writeAudit(trx, ctx, { action: 'org.attachment.remove', entityType: 'org', entityId: orgId, oldValue: { attachmentId, kind: row.kind, filename: row.filename } });
  });
}

/**
 * Copies files into an organization's attachments inside the caller's transaction (an approved application's
 * materials become the record's: DESIGN §3, one identity for life). The caller passes the rows it read from its own
 * table; this module alone writes `org_attachments`. The approval's own history entry and audit record cover them.
 * Their content comes sealed (as the applications module stores it) and is stored as it comes.
 */
export async function addOrgAttachments(trx: Transaction<DB>, orgId: number, files: repo.NewOrgAttachment[]) {
  await repo.insertAttachments(trx, orgId, files);
}
