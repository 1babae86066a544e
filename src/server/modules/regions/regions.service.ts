import type { PublicCommunityResponse } from '../../../shared/schemas/regions.js';
import type { Kysely } from 'kysely';
import type { DB, Db, RegionRow } from '../../db/types.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { isInJurisdiction, regionScope, requireAccess, type Permission } from '../../lib/access.js';
import { bigrams, classifyQuery, searchForm, toInitials, toPinyin } from '../../lib/search-text.js';
import type { RegionRef } from '../../../shared/schemas/common.js';
import type {
  GridCreateBody,
  PopulationBody,
  Region,
  RegionDetail,
  RegionListResponse,
  RegionSearchResponse,
} from '../../../shared/schemas/regions.js';
import * as repo from './regions.repository.js';
import { parentCodeOf } from './regions.policy.js';
import { corePrefixes, matchNodes, type NamedNode } from './regions.names.js';
import type { RegionScope } from '../../lib/access.js';

const ENTITY = 'region';

function ancestorIds(row: RegionRow): number[] {
  const ids: number[] = [];
  for (let l = 1; l < row.level; l++) {
    const id = row[repo.levelColumn(l)];
    if (id !== null) ids.push(id);
  }
  return ids;
}

const toRef = (r: RegionRow): RegionRef => ({ id: r.id, code: r.code, name: r.name, level: r.level });

async function toRegions(db: Kysely<DB>, rows: RegionRow[]): Promise<Region[]> {
  const stats = await repo.findChildStats(db, rows);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    level: r.level,
    kind: r.kind,
    parentCode: parentCodeOf(r.code),
    pinyin: r.pinyin,
    initials: r.initials,
    population: r.population,
    populationUpdatedAt: r.population_updated_at ? new Date(r.population_updated_at).toISOString() : null,
    populationBelow: stats.get(r.id)!.populationBelow,
    childCount: stats.get(r.id)!.childCount,
  }));
}

/** The chain from the top of the hierarchy to the node itself. */
export async function findRegionPath(db: Db, regionId: number): Promise<RegionRef[]> {
  const node = await repo.findRegionById(db, regionId);
  if (!node) return [];
  const ancestors = await repo.findRegionsByIds(db, ancestorIds(node));
  return [...ancestors.sort((a, b) => a.level - b.level), node].map(toRef);
}

/**
 * The one resolver "region code → node inside this actor's jurisdiction": 401/403 as requireAccess (when a permission
 * is named), 404 when the code is unknown or its node lies outside the actor's subtree (never telling which).
 */
export async function resolveRegionFor(db: Db, actor: Actor | null, code: string, permission?: Permission, entity = ENTITY): Promise<RegionRow> {
  const row = await findRegionFor(db, actor, code, permission, entity);
  if (!row) throw errors.notFound(entity);
  return row;
}

/**
 * The same, for a code a form names (an organization's place): undefined when no node has it, so the caller reports
 * the field ("区划 … 不存在"); 404 when the node lies outside the actor's subtree.
 */
export async function findRegionFor(db: Db, actor: Actor | null, code: string, permission?: Permission, entity = ENTITY): Promise<RegionRow | undefined> {
  if (permission) requireAccess(actor, permission);
  else if (!actor) throw errors.unauthenticated();
  const row = await repo.findRegionByCode(db, code);
  if (!row) return undefined;
  if (!isInJurisdiction(actor!, row)) throw errors.notFound(entity);
  return row;
}

const loadVisible = (db: Db, ctx: RequestContext, code: string, permission: 'region.read' | 'region.population.update' | 'region.grid.create') =>
  resolveRegionFor(db, ctx.actor, code, permission);

export async function getRegion(db: Kysely<DB>, ctx: RequestContext, code: string): Promise<RegionDetail> {
  const row = await loadVisible(db, ctx, code, 'region.read');
  const [region] = await toRegions(db, [row]);
  // The breadcrumb shows ancestors down from the actor's own node only: nothing above it is theirs to open.
  const topLevel = ctx.actor!.region?.level ?? 1;
  const ancestors = (await repo.findRegionsByIds(db, ancestorIds(row)))
    .filter((a) => a.level >= topLevel)
    .sort((a, b) => a.level - b.level)
    .map(toRef);
  return { ...region, ancestors };
}

export async function listChildren(db: Kysely<DB>, ctx: RequestContext, code: string): Promise<RegionListResponse> {
  const parent = await loadVisible(db, ctx, code, 'region.read');
  const items = await toRegions(db, await repo.findChildren(db, parent.id));
  return { items, total: items.length };
}

export async function listRoots(db: Kysely<DB>, ctx: RequestContext): Promise<RegionListResponse> {
  requireAccess(ctx.actor, 'region.read');
  const items = await toRegions(db, await repo.findRoots(db, regionScope(ctx.actor)));
  return { items, total: items.length };
}

/**
 * A search box text as the region search compares it: simplified, half-width, lower case (lib/search-text.ts
 * searchForm, as the organization registry searches), so 倉口 and 文山街道 written in traditional characters find the
 * regions, whose names the national code file gives in simplified form. The form as typed is kept beside it for a
 * grid named in traditional characters. Undefined for an empty box.
 */
function regionSearch(q: string, limit: number): repo.RegionSearch | undefined {
  const simplified = searchForm(q).trim();
  if (!simplified) return undefined;
  const texts = [...new Set([simplified, q.trim().toLowerCase()])];
  return { kind: classifyQuery(simplified), forms: texts.map((text) => ({ text, bigrams: bigrams(text) })), limit };
}

export async function searchRegions(
  db: Kysely<DB>,
  ctx: RequestContext,
  q: string,
  limit: number,
): Promise<RegionSearchResponse> {
  requireAccess(ctx.actor, 'region.read');
  const search = regionSearch(q, limit);
  if (!search) return { items: [] };
  const rows = await repo.searchRegions(db, regionScope(ctx.actor), search);
  const regions = await toRegions(db, rows);
  // Each hit shows where it lies: the names of its ancestors.
  const ancestorRows = await repo.findRegionsByIds(db, [...new Set(rows.flatMap(ancestorIds))]);
  const names = new Map(ancestorRows.map((a) => [a.id, a.name]));
  return {
    items: regions.map((r, i) => ({
      ...r,
      path: [...ancestorIds(rows[i]).map((id) => names.get(id) ?? ''), r.name].join(' / '),
    })),
  };
}

export async function setPopulation(db: Kysely<DB>, ctx: RequestContext, code: string, body: PopulationBody): Promise<RegionDetail> {
  const row = await loadVisible(db, ctx, code, 'region.population.update');
  await db.transaction().execute(async (trx) => {
    await repo.updatePopulation(trx, row.id, body.population, new Date());
    await writeAudit(trx, ctx, {
      action: 'region.population.update',
      entityType: ENTITY,
      entityId: row.code,
      regionCode: row.code,
      oldValue: { population: row.population },
      newValue: { population: body.population },
    });
  });
  return getRegion(db, ctx, code);
}

/** Grids (网格) are made by users below a community: code = community code + a 3-digit number. */
export async function createGrid(db: Kysely<DB>, ctx: RequestContext, communityCode: string, body: GridCreateBody): Promise<RegionDetail> {
  const community = await loadVisible(db, ctx, communityCode, 'region.grid.create');
  if (community.level !== 5) {
    throw errors.badRequest('region.grid_parent', '网格只能建在社区或村之下', { code: '请选择一个社区或村' });
  }
  const code = await db.transaction().execute(async (trx) => {
    const siblings = await repo.findChildren(trx, community.id);
    if (siblings.some((s) => s.name === body.name)) {
      throw errors.conflict('region.grid_exists', '该社区下已有同名网格', { name: '同名网格已存在' });
    }
    const last = await repo.maxChildCode(trx, community.id);
    const next = last ? Number(last.slice(12)) + 1 : 1;
    if (next > 999) throw errors.badRequest('region.grid_full', '一个社区最多 999 个网格');
    const gridCode = community.code + String(next).padStart(3, '0');
    const id = await repo.insertRegion(trx, {
      code: gridCode,
      name: body.name,
      parent_id: community.id,
      level: 6,
      kind: 'grid',
      level1_id: community.level1_id,
      level2_id: community.level2_id,
      level3_id: community.level3_id,
      level4_id: community.level4_id,
      level5_id: community.level5_id,
      level6_id: null,
      pinyin: toPinyin(body.name),
      initials: toInitials(body.name),
      name_bigrams: bigrams(body.name),
      population: null,
      population_updated_at: null,
    });
    await repo.setOwnLevelId(trx, id, 6);
    await writeAudit(trx, ctx, {
      action: 'region.grid.create',
      entityType: ENTITY,
      entityId: gridCode,
      regionCode: gridCode,
      newValue: { code: gridCode, name: body.name, parent: community.code },
    });
    return gridCode;
  });
  return getRegion(db, ctx, code);
}

/**
 * The public sign-up picks the applicant's community: communities and villages by name, pinyin, initials or
 * code, with their path, and nothing else (no population, no grids).
 */
export async function searchPublicCommunities(db: Kysely<DB>, q: string, limit: number): Promise<PublicCommunityResponse> {
  const search = regionSearch(q, limit);
  if (!search) return { items: [] };
  const rows = await repo.searchRegions(db, null, search, 5);
  const ancestorRows = await repo.findRegionsByIds(db, [...new Set(rows.flatMap(ancestorIds))]);
  const names = new Map(ancestorRows.map((a) => [a.id, a.name]));
  return {
    items: rows.map((r) => ({ code: r.code, name: r.name, path: [...ancestorIds(r).map((id) => names.get(id) ?? ''), r.name].join(' / ') })),
  };
}

export type RegionNameMatch =
  | { kind: 'matched'; region: RegionRow }
  | { kind: 'none' }
  | { kind: 'ambiguous'; candidates: { code: string; name: string; label: string }[] };

const asNamed = (r: RegionRow): NamedNode => ({
  id: Number(r.id),
  code: r.code,
  name: r.name,
  level: r.level,
  kind: r.kind,
  level3_id: r.level3_id === null ? null : Number(r.level3_id),
  level4_id: r.level4_id === null ? null : Number(r.level4_id),
  level5_id: r.level5_id === null ? null : Number(r.level5_id),
});

/**
 * A community (village, street, grid) named as people write it (`仓口`, `仓口社区居委会`, `文山街道仓口社区`),
 * inside `scope`: matched only when exactly one node fits; several are listed with their street, so the row can
 * say which to write (issue 11 item 5). The street or district written in front may lie above the scope.
 */
export function matchCommunityName(db: Db, scope: RegionScope | null, text: string): Promise<RegionNameMatch> {
  // Within one transaction (an import batch) the same few names come back hundreds of times, and no region changes:
  // each is looked up once per transaction. Outside a transaction nothing is remembered.
  if (!db.isTransaction) return lookUpName(db, scope, text);
  let memo = nameMemo.get(db);
  if (!memo) nameMemo.set(db, (memo = new Map()));
  const key = `${scope?.column ?? ''}:${scope?.id ?? ''}:${text}`;
  let found = memo.get(key);
  if (!found) memo.set(key, (found = lookUpName(db, scope, text)));
  return found;
}

const nameMemo = new WeakMap<object, Map<string, Promise<RegionNameMatch>>>();

async function lookUpName(db: Db, scope: RegionScope | null, text: string): Promise<RegionNameMatch> {
  const inside = await repo.findRegionsByNamePrefixes(db, scope, corePrefixes(text));
  const nodes = inside.map(asNamed);
  if (scope) {
    // The scope's own ancestors (its district and street), which a written prefix may name.
    const own = await repo.findRegionById(db, scope.id);
    const above = own ? [own.level3_id, own.level4_id].filter((id) => id !== null && Number(id) !== scope.id).map(Number) : [];
    for (const r of await repo.findRegionsByIds(db, above)) nodes.push(asNamed(r));
  }
  const byId = new Map(inside.map((r) => [Number(r.id), r]));
  const found = matchNodes(text, nodes).filter((n) => byId.has(n.id));
  if (found.length === 1) return { kind: 'matched', region: byId.get(found[0].id)! };
  if (found.length === 0) return { kind: 'none' };
  const streetIds = new Set(found.filter((n) => n.level > 4 && n.level4_id !== null).map((n) => n.level4_id!));
  const streetName = new Map((await repo.findRegionsByIds(db, [...streetIds])).map((s) => [Number(s.id), s.name]));
  return {
    kind: 'ambiguous',
    candidates: found.slice(0, 10).map((n) => ({
      code: n.code,
      name: n.name,
      label: `${n.level > 4 && n.level4_id !== null ? (streetName.get(n.level4_id) ?? '') : ''}${n.name}`,
    })),
  };
}
