import type { Insertable } from 'kysely';
import type { Db, OrgAttachmentsTable } from '../../db/types.js';

// The organization's files (org_attachments): the queries of orgs.attachments.ts.

/** An organization's files (without their content), with who uploaded each. */
export function findAttachments(db: Db, orgId: number) {
  return db
    .selectFrom('org_attachments as a')
    .leftJoin('users as u', 'u.id', 'a.uploaded_by')
    .select(['a.id', 'a.kind', 'a.filename', 'a.mime_type', 'a.size_bytes', 'a.uploaded_at', 'u.username'])
    .where('a.org_id', '=', orgId)
    .orderBy('a.id')
    .execute();
}

export function findAttachment(db: Db, orgId: number, attachmentId: number) {
  return db.selectFrom('org_attachments').selectAll().where('id', '=', attachmentId).where('org_id', '=', orgId).executeTakeFirst();
}

export function insertAttachment(db: Db, row: Insertable<OrgAttachmentsTable>) {
  return db.insertInto('org_attachments').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function deleteAttachment(db: Db, attachmentId: number) {
  await db.deleteFrom('org_attachments').where('id', '=', attachmentId).execute();
}

/** A file to store with an organization (its id is given apart). */
export type NewOrgAttachment = Omit<Insertable<OrgAttachmentsTable>, 'id' | 'org_id'>;

/** Copies files into an organization's attachments (an approved application's materials, read by its module). */
export async function insertAttachments(db: Db, orgId: number, files: NewOrgAttachment[]) {
  if (files.length === 0) return;
  await db.insertInto('org_attachments').values(files.map((f) => ({ ...f, org_id: orgId }))).execute();
}
