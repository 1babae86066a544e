import { sql } from 'kysely';
import type { Db } from './types.js';
import {
  isSealedBytes,
  isSealedText,
  lazyKeyring,
  maskOf,
  open,
  openBytes,
  personalHash,
  resealJson,
  seal,
  sealBytes,
  sealedKeyId,
  type Keyring,
  type PersonalKind,
} from '../lib/personal-data.js';

/**
 * Every place personal data is stored sealed (lib/personal-data.ts): the column triples, the jsonb documents and the
 * stored files. The migration that encrypted the existing rows and `shezu keys rotate` both walk this list; a
 * module that stores a resident ID number or a phone adds its table here (and the raw-table test reads every table,
 * so one it forgets turns that test red). Append only: a data step or a rotation in progress stores its position
 * as an index into this list.
 */
export interface SealedTable {
  table: string;
  key: string;
  keyType: 'bigint' | 'text';
  /** `<name>_enc` / `_masked` / `_hash` triples. */
  columns?: { name: string; kind: PersonalKind }[];
  json?: string[];
  bytes?: string[];
  /** audit_log refuses UPDATE by trigger (migration 0003); see rewriteAppendOnly. */
  appendOnly?: boolean;
  /** Rows per batch at most, whatever the caller asks: a row holding a 20 MB upload is read whole. */
  maxBatch?: number;
}

export const SEALED_TABLES: SealedTable[] = [
  { table: 'users', key: 'id', keyType: 'bigint', columns: [{ name: 'phone', kind: 'phone' }] },
  { table: 'orgs', key: 'id', keyType: 'bigint', columns: [{ name: 'leader_id_number', kind: 'resident_id' }, { name: 'leader_phone', kind: 'phone' }] },
  { table: 'applications', key: 'id', keyType: 'bigint', json: ['data'] },
  { table: 'org_history', key: 'id', keyType: 'bigint', json: ['changes'] },
  { table: 'audit_log', key: 'id', keyType: 'bigint', json: ['old_value', 'new_value'], appendOnly: true },
  { table: 'import_jobs', key: 'id', keyType: 'text', bytes: ['file', 'report'], maxBatch: 5 },
  // Member lists (xlsx) and ID card scans are personal data as much as the fields are.
  { table: 'org_attachments', key: 'id', keyType: 'bigint', bytes: ['content'], maxBatch: 10 },
  { table: 'application_attachments', key: 'id', keyType: 'bigint', bytes: ['content'], maxBatch: 10 },
  // Sign-in sheets (names, often phones) and activity photos (residents' faces); the small thumbnails stay clear.
  { table: 'activity_files', key: 'id', keyType: 'bigint', bytes: ['content'], maxBatch: 10 },
  // Annual reports (migration 0019): leader ID numbers and phones in the sections; the signed declaration page.
  { table: 'annual_reports', key: 'id', keyType: 'bigint', json: ['sections'], bytes: ['scan_content'], maxBatch: 10 },
  // The organizer's contact phone of a major-activity declaration (migration 0018).
  { table: 'declarations', key: 'id', keyType: 'bigint', columns: [{ name: 'contact_phone', kind: 'phone' }] },
];

/** Where a walk over SEALED_TABLES stands: the table's index and the last key done in it. */
export interface WalkPosition {
  t: number;
  after: string | number | null;
}

/**
 * `seal`: rows stored before migration 0015, the clear column `<name>` read and its triple written (0016 drops it).
 * `rotate`: every sealed value not under the ring's current key opened and sealed again, its hash recomputed.
 */
export type ResealMode = 'seal' | 'rotate';

/**
 * One batch of the walk, in the caller's transaction: reads up to `limit` rows of the current table after the
 * position, rewrites those that need it, and returns the next position (t = SEALED_TABLES.length when done) and how
 * many rows it rewrote. Rows are read in key order, so the position alone says what is done.
 */
export async function resealBatch(trx: Db, pos: WalkPosition, mode: ResealMode, limit: number, ring: Keyring = lazyKeyring()) {
  const spec = SEALED_TABLES[pos.t];
  if (!spec) return { pos, changed: 0 };
  const triples = spec.columns ?? [];
  const read = [
    spec.key,
    ...triples.flatMap((c) => (mode === 'seal' ? [c.name] : [`${c.name}_enc`, `${c.name}_masked`])),
    ...(spec.json ?? []),
    ...(spec.bytes ?? []),
  ];
  const after = pos.after === null ? sql`` : sql` where ${sql.ref(spec.key)} > ${spec.keyType === 'bigint' ? Number(pos.after) : String(pos.after)}`;
  const { rows } = await sql<Record<string, unknown>>`select ${sql.join(read.map((c) => sql.ref(c)))} from ${sql.table(spec.table)}${after}
    order by ${sql.ref(spec.key)} limit ${Math.min(limit, spec.maxBatch ?? limit)}`.execute(trx);
  if (rows.length === 0) return { pos: { t: pos.t + 1, after: null }, changed: 0 };

  const updates: Record<string, unknown>[] = [];
  const fileUpdates: { key: unknown; column: string; value: Buffer }[] = [];
  for (const row of rows) {
    const out: Record<string, unknown> = {};
    for (const c of triples) {
      const clear = mode === 'seal' ? (row[c.name] as string | null) : resealNeeded(row[`${c.name}_enc`], ring);
      if (clear === null || clear === undefined || clear === '') continue;
      out[`${c.name}_enc`] = seal(clear, ring);
      out[`${c.name}_masked`] = mode === 'seal' ? maskOf(c.kind, clear) : row[`${c.name}_masked`];
      out[`${c.name}_hash`] = personalHash(clear, ring.current);
    }
    for (const col of spec.json ?? []) {
      const next = row[col] === null ? null : resealJson(row[col], ring);
      if (next !== null) out[col] = next;
    }
    for (const col of spec.bytes ?? []) {
      const b = row[col] as Buffer | null;
      if (!b) continue;
      if (!isSealedBytes(b)) fileUpdates.push({ key: row[spec.key], column: col, value: sealBytes(Buffer.from(b), ring) });
      else if (sealedKeyId(Buffer.from(b)) !== ring.current.id) fileUpdates.push({ key: row[spec.key], column: col, value: sealBytes(openBytes(b, ring), ring) });
    }
    if (Object.keys(out).length > 0) updates.push({ [spec.key]: row[spec.key], ...out });
  }

  const write = async () => {
    // One statement per column set: rows carry only the columns that change for them.
    const bySet = new Map<string, Record<string, unknown>[]>();
    for (const u of updates) {
      const cols = Object.keys(u).filter((k) => k !== spec.key).sort().join(',');
      bySet.set(cols, [...(bySet.get(cols) ?? []), u]);
    }
    for (const [cols, list] of bySet) {
      const set = sql.join(cols.split(',').map((c) => sql`${sql.ref(c)} = v.${sql.ref(c)}`));
      await sql`update ${sql.table(spec.table)} t set ${set}
        from json_populate_recordset(null::${sql.table(spec.table)}, ${JSON.stringify(list)}::json) v
        where t.${sql.ref(spec.key)} = v.${sql.ref(spec.key)}`.execute(trx);
    }
    for (const f of fileUpdates) {
      await sql`update ${sql.table(spec.table)} set ${sql.ref(f.column)} = ${f.value} where ${sql.ref(spec.key)} = ${f.key}`.execute(trx);
    }
  };
  if (updates.length + fileUpdates.length > 0) {
    if (spec.appendOnly) await rewriteAppendOnly(trx, spec.table, write);
    else await write();
  }
  const last = rows[rows.length - 1][spec.key] as string | number;
  return { pos: { t: pos.t, after: last }, changed: new Set([...updates.map((u) => u[spec.key]), ...fileUpdates.map((f) => f.key)]).size };
}

/** The clear value of a sealed column value that is not under the current key (null when it is, or is empty). */
function resealNeeded(enc: unknown, ring: Keyring): string | null {
  if (typeof enc !== 'string' || enc === '') return null;
  if (!isSealedText(enc)) return enc;
  return sealedKeyId(enc) === ring.current.id ? null : open(enc, ring);
}

/**
 * The audit log refuses UPDATE (migration 0003's trigger). Sealing its values once, and re-sealing them under a new
 * key, is the one rewrite allowed: PIPL art. 51 requires the personal data in it encrypted, and the rewrite keeps
 * every record's content (a masked form and the same value sealed), changing only its form. The trigger is off
 * only inside this transaction (ALTER TABLE is transactional; the table stays locked until it commits, so no other
 * statement sees it off).
 */
async function rewriteAppendOnly(trx: Db, table: string, write: () => Promise<void>) {
  await sql`alter table ${sql.table(table)} disable trigger audit_log_no_update_delete`.execute(trx);
  await write();
  await sql`alter table ${sql.table(table)} enable trigger audit_log_no_update_delete`.execute(trx);
}
