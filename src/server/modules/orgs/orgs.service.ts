import type { Kysely, Transaction } from 'kysely';
import type { DB, NewOrg, OrgRow, RegionRow, Db } from '../../db/types.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { writeAudit, writeAudits } from '../../lib/audit.js';
import { isInJurisdiction, listScope, placementColumns, requireAccess, requireOrgAccess, subtreeOf, type Permission } from '../../lib/access.js';
import { bigrams, escapeLike, quadgrams, searchForm, trigrams } from '../../lib/search-text.js';
import { DEFAULT_ORG_CATEGORIES } from '../../../shared/enums.js';
import type { Org, OrgCreateBody, OrgFields, OrgHistoryEntry, OrgListQuery, OrgListResponse, OrgUpdateBody, OrgWarning } from '../../../shared/schemas/orgs.js';
import { findRegionByCode, findRegionFor, regionCodeOf, resolveRegionFor } from '../regions/index.js';
import * as repo from './orgs.repository.js';
import { checkOrgRules, kindWarnings, placeForms, similarWhy, SIMILAR_RULE_SOURCE, SIMILAR_RULE_TEXT, SIMILAR_WHY_TEXT, type SimilarWhy } from './orgs.policy.js';
import { displayValue, EDITABLE_FIELDS, fieldValue, recordedValue, toColumns } from './orgs.fields.js';
import { maskJson, open } from '../../lib/personal-data.js';
import { searchColumns, toListItems, toOrg } from './orgs.mapping.js';

const ENTITY = 'org';

export class OrgValidationError extends Error {
  constructor(readonly fields: Record<string, string>) {
    super('organization fields invalid');
  }
}

export async function categoriesFor(db: Db, region: Pick<RegionRow, 'level3_id'>): Promise<string[]> {
  const custom = region.level3_id ? await repo.findCategorySetting(db, Number(region.level3_id)) : null;
  return custom ?? [...DEFAULT_ORG_CATEGORIES];
}

/**
 * Parses the search box: a credit code (prefix), latin letters (pinyin or initials), or Chinese text, each in the
 * normalized form the search columns are built from (half-width, simplified, lower case: searchColumns).
 */
export function parseOrgSearch(q: string | undefined): repo.OrgSearch | undefined {
  const text = q === undefined ? undefined : searchForm(q).trim();
  if (!text) return undefined;
  if (/^[0-9][0-9a-z]{3,17}$/.test(text) && /[0-9]/.test(text)) return { kind: 'credit', text: escapeLike(text) };
  if (/^[a-z]+$/.test(text)) return { kind: 'latin', text, grams: text.length >= 4 ? quadgrams(text) : trigrams(text) };
  return { kind: 'text', text: escapeLike(text), grams: Array.from(text.replace(/\s+/g, '')).length > 1 ? bigrams(text) : [] };
}

export async function buildListFilter(db: Db, actor: Actor, query: Omit<OrgListQuery, 'sort' | 'page' | 'pageSize' | 'facets'>): Promise<repo.OrgListFilter> {
  return {
    scope: await listScope(db, actor),
    within: query.region ? subtreeOf(await resolveRegionFor(db, actor, query.region)) : undefined,
    search: parseOrgSearch(query.q),
    form: query.form,
    category: query.category,
    status: query.status,
    flag: query.flag,
    hubOrgId: query.hub,
  };
}

export async function listOrgs(db: Kysely<DB>, ctx: RequestContext, query: OrgListQuery): Promise<OrgListResponse> {
  requireAccess(ctx.actor, 'org.read');
  const filter = await buildListFilter(db, ctx.actor, query);
  const desc = query.sort.startsWith('-');
  const key = (desc ? query.sort.slice(1) : query.sort) as keyof typeof repo.ORG_SORT_COLUMNS;
  const { items, total, totalCapped } = await repo.listOrgs(
    db,
    filter,
    { column: repo.ORG_SORT_COLUMNS[key], direction: desc ? 'desc' : 'asc' },
    (query.page - 1) * query.pageSize,
    query.pageSize,
  );
  const response: OrgListResponse = { items: await toListItems(db, items), total, totalCapped };
  // Counting every match of a search per form, category and status costs what the capped total saved: such a
  // search comes without counts beside the filter values (the list page then shows the values alone).
  if (query.facets === 'true' && !(filter.search && totalCapped)) {
    const [form, category, status] = await Promise.all([
      repo.countBy(db, filter, 'form'),
      repo.countBy(db, filter, 'category'),
      repo.countBy(db, filter, 'status'),
    ]);
    response.facets = { form, category, status };
  }
  return response;
}

/**
 * Loads an organization for an actor and a permission: 404 outside their reach (their subtree and, for an
 * organization leader or a hub manager, the organizations they act for; lib/access.ts requireOrgAccess).
 * The door other modules enter the registry by; `entity` names the record refused (a certificate is 404 as one).
 */
export async function loadOrgFor(db: Db, ctx: RequestContext, id: number, permission: Permission, entity = ENTITY): Promise<OrgRow> {
  requireAccess(ctx.actor, permission);
  const org = await repo.findOrgById(db, id);
  if (!org) throw errors.notFound(entity);
  await requireOrgAccess(db, ctx.actor, permission, org, entity);
  return org;
}

/** A purpose this many organizations of the district state word for word is a stock phrase, not a business scope. */
const STOCK_PURPOSE = 3;

/**
 * Same-kind and prohibited-kind warnings (never blocking; the reviewer decides). The same-kind one follows seed
 * 004 (SIMILAR_RULE_TEXT): same legal form and a close business scope, each organization found with its reasons.
 */
export async function warningsFor(
  db: Db,
  org: Pick<OrgRow, 'id' | 'name' | 'purpose' | 'activities' | 'level5_id'> & { legal_form?: string | null; level3_id?: number | null; level4_id?: number | null },
): Promise<OrgWarning[]> {
  const warnings = kindWarnings(org.name, org.purpose, org.activities);
  if (org.level5_id) {
    const [peers, names] = await Promise.all([
      repo.findSameFormOrgsIn(db, Number(org.level5_id), org.legal_form ?? null, org.id ? Number(org.id) : undefined),
      repo.findPlaceNames(db, [Number(org.level5_id), ...(org.level4_id ? [Number(org.level4_id)] : [])]),
    ]);
    const places = [...new Set(names.flatMap(placeForms))].sort((a, b) => b.length - a.length);
    const stock = async (purpose: string | null) => !purpose || (org.level3_id ? (await repo.countOrgsWithPurpose(db, Number(org.level3_id), purpose)) >= STOCK_PURPOSE : false);
    const ownPurpose = (await stock(org.purpose)) ? null : org.purpose;
    const similar: { id: number; name: string; why: SimilarWhy[] }[] = [];
    for (const p of peers) {
      const why = similarWhy({ ...org, purpose: ownPurpose, legalForm: org.legal_form ?? undefined }, { ...p, legalForm: p.legal_form }, places);
      if (why.length && why.every((w) => w === 'purpose') && (await stock(p.purpose))) continue;
      if (why.length) similar.push({ id: Number(p.id), name: p.name, why });
    }
    if (similar.length > 0) {
      const why = [...new Set(similar.flatMap((s) => s.why))];
      warnings.push({
        code: 'similar_org',
        message: `本社区已有组织形式相同、${why.map((w) => SIMILAR_WHY_TEXT[w]).join('、')}的组织。依据：“${SIMILAR_RULE_TEXT}”（${SIMILAR_RULE_SOURCE}）。是否整合由审核人员决定`,
        orgs: similar.slice(0, 20),
      });
    }
  }
  return warnings;
}

export async function getOrg(db: Kysely<DB>, ctx: RequestContext, id: number): Promise<Org> {
  const org = await loadOrgFor(db, ctx, id, 'org.read');
  // The record shows what concerns the organization itself (a prohibited or strictly controlled kind). Whether
  // another of its kind exists is the reviewer's question at review and the saver's when saving (issue 22 item 5),
  // not a box on every record for every viewer.
  return toOrg(db, org, kindWarnings(org.name, org.purpose, org.activities));
}

export interface PreparedOrg {
  region: RegionRow;
  columns: Partial<NewOrg>;
}

/** What the rules need from the database, loaded one record at a time (the API) or for a whole batch (the import). */
export interface PrepareLookups {
  region: RegionRow | undefined;
  /** The category list of the region's district. */
  categories: readonly string[];
  /** The organization holding the credit code, if any. */
  holder: OrgRow | undefined;
  /** The hub named by hubOrgId, if any. */
  hub: OrgRow | undefined;
}

/**
 * Checks merged fields against every rule and the actor's jurisdiction; returns the columns to store.
 * Throws OrgValidationError with Chinese messages by field (the API turns it into a 400, the import into a row report).
 */
export async function prepareOrg(db: Db, actor: Actor, merged: OrgFields, existing?: OrgRow): Promise<PreparedOrg> {
  const region = await findRegionByCode(db, merged.regionCode);
  return prepareOrgWith(actor, merged, existing, {
    region,
    categories: region ? await categoriesFor(db, region) : [],
    holder: merged.creditCode ? await repo.findOrgByCreditCode(db, merged.creditCode) : undefined,
    hub: merged.hubOrgId ? await repo.findOrgById(db, merged.hubOrgId) : undefined,
  });
}

/** prepareOrg's rules on lookups already made: no query, so an import batch checks 500 rows on one set of lookups. */
export function prepareOrgWith(actor: Actor, merged: OrgFields, existing: OrgRow | undefined, l: PrepareLookups): PreparedOrg {
  const region = l.region;
  if (!region) throw new OrgValidationError({ regionCode: `区划 ${merged.regionCode} 不存在` });
  if (!isInJurisdiction(actor, region)) throw new OrgValidationError({ regionCode: '所选区划不在您的管辖范围内' });
  const fields = checkOrgRules(
    {
      name: merged.name,
      creditCode: merged.creditCode ?? null,
      legalForm: merged.legalForm,
      category: merged.category,
      regionLevel: region.level,
      leaderIdNumber: merged.leaderIdNumber ?? null,
      leaderPhone: merged.leaderPhone ?? null,
      foundedOn: merged.foundedOn ?? null,
    },
    l.categories,
  );
  if (merged.creditCode && !fields.creditCode) {
    const holder = l.holder;
    if (holder && Number(holder.id) !== Number(existing?.id)) {
      fields.creditCode = isInJurisdiction(actor, holder) ? `该代码已属于“${holder.name}”` : '该代码已被辖区外的组织使用';
    }
  }
  if (merged.hubOrgId) {
    const hub = l.hub;
    if (!hub || Number(hub.level3_id) !== Number(region.level3_id)) fields.hubOrgId = '所属联合会不存在或不在本区';
    else if (hub.category !== '枢纽型') fields.hubOrgId = '所属联合会须为枢纽型组织';
    else if (existing && Number(hub.id) === Number(existing.id)) fields.hubOrgId = '组织不能隶属于自己';
  }
  if (Object.keys(fields).length > 0) throw new OrgValidationError(fields);
  return {
    region,
    columns: {
      ...toColumns(merged),
      ...placementColumns(region),
    },
  };
}

const asApiError = (err: unknown) => (err instanceof OrgValidationError ? errors.validation(err.fields) : err);

/** Inserts a prepared organization with its first history entry and audit record (inside the caller's transaction). */
export async function insertPreparedOrg(trx: Transaction<DB>, ctx: RequestContext, merged: OrgFields, p: PreparedOrg, action = 'create', extra: Partial<NewOrg> = {}) {
  const [id] = await insertPreparedOrgs(trx, ctx, [{ merged, prepared: p, extra }], action);
  return id;
}

/**
 * Inserts prepared organizations in three statements (rows, first history entries, audit records), whatever their
 * number: an import batch pays per batch, not per row. The stats triggers are per statement and see every new row.
 */
export async function insertPreparedOrgs(
  trx: Transaction<DB>,
  ctx: RequestContext,
  items: { merged: OrgFields; prepared: PreparedOrg; extra?: Partial<NewOrg> }[],
  action = 'create',
): Promise<number[]> {
  if (items.length === 0) return [];
  const now = new Date();
  const ids = await repo.insertOrgs(
    trx,
    items.map(({ merged, prepared, extra }) => ({
      ...(prepared.columns as NewOrg),
      ...extra,
      status: merged.status ?? 'active',
      former_names: [],
      ...searchColumns(merged.name, []),
      created_at: now,
      updated_at: now,
      created_by: ctx.actor?.id ?? null,
    })),
  );
  const changes = items.map(({ merged, prepared }) => {
    const c: Record<string, { from: unknown; to: unknown }> = { regionCode: { from: null, to: prepared.region.code } };
    for (const f of EDITABLE_FIELDS) {
      const v = recordedValue(f, (merged as Record<string, unknown>)[f]);
      if (v !== null && v !== false) c[f] = { from: null, to: v };
    }
    return c;
  });
  await repo.insertHistories(
    trx,
    ids.map((id, i) => ({ orgId: id, version: 1, actorId: ctx.actor?.id ?? null, actorName: ctx.actor?.username ?? null, action, reason: null, changes: changes[i] })),
  );
  await writeAudits(
    trx,
    ctx,
    ids.map((id, i) => ({ action: `org.${action}`, entityType: ENTITY, entityId: id, regionCode: items[i].prepared.region.code, newValue: changes[i] })),
  );
  return ids;
}

export async function createOrg(db: Kysely<DB>, ctx: RequestContext, body: OrgCreateBody): Promise<Org> {
  requireAccess(ctx.actor, 'org.create');
  await findRegionFor(db, ctx.actor, body.regionCode, 'org.create');
  const prepared = await prepareOrg(db, ctx.actor, body).catch((e) => {
    throw asApiError(e);
  });
  const id = await db.transaction().execute((trx) => insertPreparedOrg(trx, ctx, body, prepared));
  const row = (await repo.findOrgById(db, id))!;
  return toOrg(db, row, await warningsFor(db, row));
}

/** API fields of a stored record, for merging an edit onto it. */
export function fieldsOf(row: OrgRow, regionCode: string): OrgFields {
  const out: Record<string, unknown> = { regionCode };
  for (const f of EDITABLE_FIELDS) out[f] = fieldValue(row, f);
  return out as OrgFields;
}

/** The same, looking up the code of the node the record lies at. */
export async function orgFieldsOf(db: Db, row: OrgRow): Promise<OrgFields> {
  return fieldsOf(row, await regionCodeOf(db, row.region_id));
}

/** Applies an edit (API or import) to a stored record: history with old → new, former names on rename, audit. */
export async function applyOrgUpdate(
  trx: Transaction<DB>,
  ctx: RequestContext,
  org: OrgRow,
  merged: OrgFields,
  prepared: PreparedOrg,
  opts: { version: number; reason: string | null; action?: string; /** the stored record's region code, when known */ regionCode?: string },
): Promise<boolean> {
  const before = fieldsOf(org, opts.regionCode ?? (await regionCodeOf(trx, org.region_id)));
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of [...EDITABLE_FIELDS, 'regionCode'] as const) {
    const from = (before as Record<string, unknown>)[f] ?? null;
    const to = (merged as Record<string, unknown>)[f] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[f] = { from: recordedValue(f, from), to: recordedValue(f, to) };
  }
  if (Object.keys(changes).length === 0) return false;
  const formerNames = [...org.former_names];
  if (changes.name && !formerNames.includes(org.name)) formerNames.push(org.name);
  const saved = await repo.updateOrg(trx, Number(org.id), opts.version, {
    ...prepared.columns,
    former_names: formerNames,
    ...searchColumns(merged.name, formerNames),
  });
  if (!saved) throw errors.conflict('org.version_conflict', '该记录已被他人修改，请刷新后再编辑');
  const action = opts.action ?? 'update';
  await repo.insertHistory(trx, {
    orgId: Number(org.id),
    version: opts.version + 1,
    actorId: ctx.actor?.id ?? null,
    actorName: ctx.actor?.username ?? null,
    action,
    reason: opts.reason,
    changes,
  });
  await writeAudit(trx, ctx, {
    action: `org.${action}`,
    entityType: ENTITY,
    entityId: Number(org.id),
    regionCode: prepared.region.code,
    oldValue: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.from])),
    newValue: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.to])),
  });
  return true;
}

export async function updateOrg(db: Kysely<DB>, ctx: RequestContext, id: number, body: OrgUpdateBody): Promise<Org> {
  const org = await loadOrgFor(db, ctx, id, 'org.update');
  const { version, reason, ...patch } = body;
  const current = await orgFieldsOf(db, org);
  const merged: OrgFields = { ...current, ...patch };
  if (patch.regionCode && patch.regionCode !== current.regionCode) await findRegionFor(db, ctx.actor, patch.regionCode, 'org.update');
  const prepared = await prepareOrg(db, ctx.actor!, merged, org).catch((e) => {
    throw asApiError(e);
  });
  await db.transaction().execute((trx) => applyOrgUpdate(trx, ctx, org, merged, prepared, { version, reason: reason ?? null }));
  const row = (await repo.findOrgById(db, id))!;
  return toOrg(db, row, await warningsFor(db, row));
}

export async function getOrgHistory(db: Kysely<DB>, ctx: RequestContext, id: number): Promise<{ items: OrgHistoryEntry[] }> {
  await loadOrgFor(db, ctx, id, 'org.read');
  const rows = await repo.findHistory(db, id);
  return {
    items: rows.map((h) => ({
      id: Number(h.id),
      version: h.version,
      at: new Date(h.at).toISOString(),
      // The name the application timelines show too (issue 22 item 10), not the login name.
      actorName: h.actor_display_name ?? h.actor_name,
      action: h.action,
      reason: h.reason,
      // Personal values are kept masked + sealed: the history shows the masked form.
      changes: maskJson(h.changes) as OrgHistoryEntry['changes'],
    })),
  };
}

/** Shows one personal field in clear: an explicit, audited act (issue #4 §5). */
export async function revealPersonal(db: Kysely<DB>, ctx: RequestContext, id: number, field: 'leaderIdNumber' | 'leaderPhone') {
  const org = await loadOrgFor(db, ctx, id, 'org.personal.reveal');
  // The one place a stored value is opened for a response (besides the audited unmasked export).
  const sealed = field === 'leaderIdNumber' ? org.leader_id_number_enc : org.leader_phone_enc;
  const value = sealed ? open(sealed) : null;
  await writeAudit(db, ctx, {
    action: 'org.personal.reveal',
    entityType: ENTITY,
    entityId: id,
    newValue: { field },
    regionCode: await regionCodeOf(db, org.region_id),
  });
  return { field, value };
}

/**
 * Moves an organization to a status on behalf of a workflow (an application under review, an approved
 * deregistration): history and audit in the caller's transaction, version checked.
 */
export async function changeOrgStatus(trx: Transaction<DB>, ctx: RequestContext, orgId: number, status: OrgRow['status'], reason: string, action: string) {
  const org = await repo.findOrgById(trx, orgId);
  if (!org) throw errors.notFound(ENTITY);
  if (org.status === status) return;
  const saved = await repo.updateOrg(trx, orgId, org.version, { status });
  if (!saved) throw errors.conflict('org.version_conflict', '该组织记录已被他人修改，请刷新后重试');
  const changes = { status: { from: displayValue('status', org.status), to: displayValue('status', status) } };
  await repo.insertHistory(trx, { orgId, version: org.version + 1, actorId: ctx.actor?.id ?? null, actorName: ctx.actor?.username ?? null, action, reason, changes });
  await writeAudit(trx, ctx, { action: `org.${action}`, entityType: ENTITY, entityId: orgId, regionCode: await regionCodeOf(trx, org.region_id), oldValue: { status: org.status }, newValue: { status } });
}
