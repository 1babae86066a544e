import { sql } from 'kysely';
import type { CertificatesTable, Db } from '../../db/types.js';
import type { Insertable } from 'kysely';


export function findCertificate(db: Db, number: string) {
  return db.selectFrom('certificates').selectAll().where('number', '=', number).executeTakeFirst();
}

export async function nextSerial(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`select nextval('certificate_serial') as n`.execute(db);
  return Number(rows[0].n);
}

export async function insertCertificate(db: Db, row: Insertable<CertificatesTable>) {
  await db.insertInto('certificates').values({ ...row, details: JSON.stringify(row.details) }).execute();
}

/** The organization's valid certificates become superseded by the new number. */
export async function supersedeValid(db: Db, orgId: number, newNumber: string) {
  await db
    .updateTable('certificates')
    .set({ status: 'superseded', superseded_by: newNumber })
    .where('org_id', '=', orgId)
    .where('status', '=', 'valid')
    .where('number', '<>', newNumber)
    .execute();
}

export async function revokeValid(db: Db, orgId: number, on: string) {
  const res = await db.updateTable('certificates').set({ status: 'revoked', revoked_on: on }).where('org_id', '=', orgId).where('status', '=', 'valid').executeTakeFirst();
  return Number(res.numUpdatedRows);
}
