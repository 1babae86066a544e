import { sql } from 'kysely';
import type { Db } from '../../db/types.js';
import '../../db/types-credit.js';
import type { CreditEntryRow, CreditEventRow, CreditGroundRow, CreditLetterRow, CreditProposalRow, CreditRequestRow, NewCreditEntry } from '../../db/types-credit.js';
import type { CreditList } from '../../../shared/schemas/credit-public.js';
import type { CreditListQuery, CreditProposalQuery } from '../../../shared/schemas/credit.js';
import type { ListScope } from '../../lib/access.js';
import { listScopeCondition } from '../../db/scope.js';

/** An entry with its organization's name, code and place (for lists and the access check). */
const ENTRY_WITH_ORG = [
  'e.id', 'e.org_id', 'e.list', 'e.rule_key', 'e.rule_on', 'e.status', 'e.origin', 'e.notice_no', 'e.noticed_on', 'e.objection_due_on', 'e.record_due_on',
  'e.listed_on', 'e.period_from', 'e.basis_note', 'e.compliance_verified_on', 'e.removal_due_on', 'e.removed_on', 'e.removal_rule_key', 'e.removal_reason',
  'e.moved_on', 'e.moved_from_id', 'e.withdrawn_on', 'e.created_by', 'e.created_at', 'e.version',
  'o.name as org_name', 'o.credit_code', 'o.level3_id', 'o.region_id',
] as const;
export type EntryWithOrg = CreditEntryRow & { org_name: string; credit_code: string | null; level3_id: number | null; region_id: number };

function entries(db: Db) {
  return db.selectFrom('credit_entries as e').innerJoin('orgs as o', 'o.id', 'e.org_id');
}

export async function findEntry(db: Db, id: number): Promise<EntryWithOrg | undefined> {
  return entries(db).select(ENTRY_WITH_ORG).where('e.id', '=', id).executeTakeFirst() as Promise<EntryWithOrg | undefined>;
}

/** The open period (noticed or listed) of an organization on a list, locked for the change that follows. */
export function findOpenEntry(db: Db, orgId: number, list: CreditList) {
  return db.selectFrom('credit_entries').selectAll().where('org_id', '=', orgId).where('list', '=', list).where('status', 'in', ['noticed', 'listed']).forUpdate().executeTakeFirst();
}

export async function insertEntry(db: Db, row: NewCreditEntry): Promise<number> {
  const { id } = await db.insertInto('credit_entries').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

/** Saves when the version still matches; false when someone (or the job) acted first. */
export async function updateEntry(db: Db, id: number, version: number, patch: Partial<Omit<CreditEntryRow, 'id' | 'version'>>): Promise<boolean> {
  const res = await db
    .updateTable('credit_entries')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }) as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function listEntries(db: Db, scope: ListScope, q: CreditListQuery): Promise<{ rows: EntryWithOrg[]; total: number }> {
  // The scope on the organization row itself (o.id, o.hub_org_id, o.level*_id): the entry has no place of its own.
  let base = entries(db).where(listScopeCondition(scope, { orgColumn: 'id', prefix: 'o.' }));
  if (q.list) base = base.where('e.list', '=', q.list);
  if (q.status) base = base.where('e.status', '=', q.status);
  if (q.current === 'true') base = base.where('e.status', 'in', ['noticed', 'listed']);
  if (q.current === 'false') base = base.where('e.status', 'not in', ['noticed', 'listed']);
  if (q.org) base = base.where('e.org_id', '=', q.org);
  if (q.ground) base = base.where((eb) => eb.or([eb('e.rule_key', '=', q.ground!), eb.exists(eb.selectFrom('credit_grounds as g').select('g.id').whereRef('g.entry_id', '=', 'e.id').where('g.rule_key', '=', q.ground!))]));
  if (q.q) base = base.where((eb) => eb.or([eb('o.name', 'like', `%${q.q}%`), eb('o.credit_code', '=', q.q!.toUpperCase()), eb('e.notice_no', 'like', `%${q.q}%`)]));
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const column = { noticedOn: 'e.noticed_on', listedOn: 'e.listed_on', periodFrom: 'e.period_from', orgName: 'o.name' }[q.sort] as 'e.noticed_on';
  const rows = await base
    .select(ENTRY_WITH_ORG)
    .orderBy(sql`${sql.ref(column)} ${sql.raw(q.order)} nulls last`)
    .orderBy('e.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { rows: rows as EntryWithOrg[], total: Number(total) };
}

/** Entries that had begun by a day (noticed on or before it), for the lists as they stood that day. */
export async function entriesNoticedBy(db: Db, on: string, orgIds?: number[]): Promise<EntryWithOrg[]> {
  let q = entries(db).select(ENTRY_WITH_ORG).where('e.noticed_on', '<=', on);
  if (orgIds) q = q.where('e.org_id', 'in', orgIds.length ? orgIds : [-1]);
  return q.orderBy('e.noticed_on').orderBy('e.id').execute() as Promise<EntryWithOrg[]>;
}

/** Open entries (the job's work list), of one organization or all, oldest first. */
export function openEntries(db: Db, orgId?: number) {
  let q = db.selectFrom('credit_entries').selectAll().where('status', 'in', ['noticed', 'listed']);
  if (orgId !== undefined) q = q.where('org_id', '=', orgId);
  return q.orderBy('id').execute();
}

/** Inserts a fact unless it was judged before (the unique key); the new id, or null when it was already there. */
export async function insertGround(db: Db, row: Omit<CreditGroundRow, 'id' | 'created_at'>): Promise<number | null> {
  const res = await db.insertInto('credit_grounds').values(row).onConflict((oc) => oc.columns(['org_id', 'rule_key', 'subject_kind', 'subject_id']).doNothing()).returning('id').executeTakeFirst();
  return res ? Number(res.id) : null;
}

export async function groundKnown(db: Db, f: { orgId: number; ruleKey: string; subjectKind: string; subjectId: number }): Promise<boolean> {
  const inGrounds = await db.selectFrom('credit_grounds').select('id').where('org_id', '=', f.orgId).where('rule_key', '=', f.ruleKey).where('subject_kind', '=', f.subjectKind).where('subject_id', '=', f.subjectId).executeTakeFirst();
  if (inGrounds) return true;
  const proposed = await db.selectFrom('credit_proposals').select('id').where('org_id', '=', f.orgId).where('rule_key', '=', f.ruleKey).where('subject_kind', '=', f.subjectKind).where('subject_id', '=', f.subjectId).executeTakeFirst();
  return proposed !== undefined;
}

export async function groundsOf(db: Db, entryIds: number[]): Promise<CreditGroundRow[]> {
  if (entryIds.length === 0) return [];
  return db.selectFrom('credit_grounds').selectAll().where('entry_id', 'in', entryIds).orderBy('fact_on').orderBy('id').execute();
}

export async function setGroundRemedied(db: Db, id: number, on: string) {
  await db.updateTable('credit_grounds').set({ remedied_on: on }).where('id', '=', id).where('remedied_on', 'is', null).execute();
}

/** An event; an automatic one (no actor) once per entry, kind and day, so a rerun writes none twice. */
export async function insertEvent(db: Db, row: Omit<CreditEventRow, 'id' | 'created_at'>): Promise<void> {
  await db.insertInto('credit_events').values(row).onConflict((oc) => oc.doNothing()).execute();
}

export function eventsOf(db: Db, entryId: number) {
  return db
    .selectFrom('credit_events as ev')
    .leftJoin('users as u', 'u.id', 'ev.actor_id')
    .select(['ev.id', 'ev.kind', 'ev.on_day', 'ev.rule_key', 'ev.reason', 'ev.actor_id', 'ev.created_at', 'u.display_name as actor_name'])
    .where('ev.entry_id', '=', entryId)
    .orderBy('ev.on_day')
    .orderBy('ev.id')
    .execute();
}

export async function insertRequest(db: Db, row: Pick<CreditRequestRow, 'entry_id' | 'kind' | 'statement' | 'filed_on' | 'filed_by'>): Promise<number | null> {
  const res = await db.insertInto('credit_requests').values(row).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  return res ? Number(res.id) : null;
}

export function findRequest(db: Db, id: number) {
  return db.selectFrom('credit_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateRequest(db: Db, id: number, version: number, patch: Partial<Pick<CreditRequestRow, 'status' | 'decided_on' | 'opinion'>>): Promise<boolean> {
  const res = await db.updateTable('credit_requests').set((eb) => ({ ...patch, version: eb('version', '+', 1) }) as never).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function requestsOf(db: Db, entryIds: number[]) {
  return db
    .selectFrom('credit_requests as r')
    .innerJoin('users as u', 'u.id', 'r.filed_by')
    .select(['r.id', 'r.entry_id', 'r.kind', 'r.statement', 'r.filed_on', 'r.status', 'r.decided_on', 'r.opinion', 'r.version', 'u.display_name as filed_by_name'])
    .where('r.entry_id', 'in', entryIds.length ? entryIds : [-1])
    .orderBy('r.id')
    .execute();
}

export async function insertLetter(db: Db, row: Omit<CreditLetterRow, 'id' | 'recorded_at'>): Promise<number | null> {
  const res = await db.insertInto('credit_letters').values(row).onConflict((oc) => oc.column('tracking_no').doNothing()).returning('id').executeTakeFirst();
  return res ? Number(res.id) : null;
}

export function lettersOf(db: Db, orgIds?: number[]) {
  let q = db.selectFrom('credit_letters as l').leftJoin('users as u', 'u.id', 'l.recorded_by').select(['l.id', 'l.org_id', 'l.sent_on', 'l.tracking_no', 'l.address', 'l.signed', 'l.outcome_on', 'l.note', 'u.display_name as recorded_by_name']);
  if (orgIds) q = q.where('l.org_id', 'in', orgIds.length ? orgIds : [-1]);
  return q.orderBy('l.sent_on').orderBy('l.id').execute();
}

export async function insertProposal(db: Db, row: Pick<CreditProposalRow, 'org_id' | 'rule_key' | 'subject_kind' | 'subject_id' | 'fact_on' | 'evidence'>): Promise<number | null> {
  const res = await db.insertInto('credit_proposals').values(row).onConflict((oc) => oc.columns(['org_id', 'rule_key', 'subject_kind', 'subject_id']).doNothing()).returning('id').executeTakeFirst();
  return res ? Number(res.id) : null;
}

const PROPOSAL_COLUMNS = [
  'p.id', 'p.org_id', 'p.rule_key', 'p.subject_kind', 'p.subject_id', 'p.fact_on', 'p.evidence', 'p.status', 'p.entry_id', 'p.decided_by', 'p.decided_on', 'p.reason', 'p.created_at', 'p.version',
  'o.name as org_name', 'o.level3_id', 'u.display_name as decided_by_name',
] as const;
function proposals(db: Db) {
  return db.selectFrom('credit_proposals as p').innerJoin('orgs as o', 'o.id', 'p.org_id').leftJoin('users as u', 'u.id', 'p.decided_by');
}
export type ProposalWithOrg = CreditProposalRow & { org_name: string; level3_id: number | null; decided_by_name: string | null };

export function findProposal(db: Db, id: number) {
  return proposals(db).select(PROPOSAL_COLUMNS).where('p.id', '=', id).executeTakeFirst() as Promise<ProposalWithOrg | undefined>;
}

export async function listProposals(db: Db, scope: ListScope, q: CreditProposalQuery): Promise<{ rows: ProposalWithOrg[]; total: number }> {
  let base = proposals(db).where(listScopeCondition(scope, { orgColumn: 'id', prefix: 'o.' }));
  if (q.status) base = base.where('p.status', '=', q.status);
  if (q.org) base = base.where('p.org_id', '=', q.org);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base.select(PROPOSAL_COLUMNS).orderBy('p.fact_on', 'desc').orderBy('p.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { rows: rows as ProposalWithOrg[], total: Number(total) };
}

export async function updateProposal(db: Db, id: number, version: number, patch: Partial<Pick<CreditProposalRow, 'status' | 'entry_id' | 'decided_by' | 'decided_on' | 'reason'>>): Promise<boolean> {
  const res = await db.updateTable('credit_proposals').set((eb) => ({ ...patch, version: eb('version', '+', 1) }) as never).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The next notice number of a district and year (one counter row, taken under its lock). */
export async function nextNoticeNumber(db: Db, districtId: number, year: number): Promise<number> {
  const row = await db
    .insertInto('credit_notice_counters')
    .values({ district_id: districtId, year, last_no: 1 })
    .onConflict((oc) => oc.columns(['district_id', 'year']).doUpdateSet((eb) => ({ last_no: eb('credit_notice_counters.last_no', '+', 1) })))
    .returning('last_no')
    .executeTakeFirstOrThrow();
  return row.last_no;
}

/** Organizations by id: name, legal form, district, registered address (what the job and the notice need). */
export async function orgFacts(db: Db, ids: number[]) {
  if (ids.length === 0) return new Map<number, { id: number; name: string; legal_form: string; level3_id: number | null; address: string | null }>();
  const rows = await db.selectFrom('orgs').select(['id', 'name', 'legal_form', 'level3_id', 'address']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [Number(r.id), { ...r, id: Number(r.id), level3_id: r.level3_id === null ? null : Number(r.level3_id) }]));
}

export async function regionNames(db: Db, ids: number[]) {
  if (ids.length === 0) return new Map<number, { id: number; code: string; name: string; level: number }>();
  const rows = await db.selectFrom('regions').select(['id', 'code', 'name', 'level']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [Number(r.id), { id: Number(r.id), code: r.code, name: r.name, level: r.level }]));
}

export function userName(db: Db, id: number | null) {
  if (id === null) return Promise.resolve(null);
  return db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst().then((r) => r?.display_name ?? null);
}

export function groundsOfOrg(db: Db, orgId: number) {
  return db.selectFrom('credit_grounds').selectAll().where('org_id', '=', orgId).orderBy('id').execute();
}
