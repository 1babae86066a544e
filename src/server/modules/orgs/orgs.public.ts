import type { Kysely } from 'kysely';
import { publicOrgParts } from './orgs.public-parts.js';
import type { DB, OrgRow } from '../../db/types.js';
import { errors } from '../../lib/errors.js';
import { subtreeOf, UNLIMITED_SCOPE } from '../../lib/access.js';
import type { PublicOrg, PublicOrgListQuery, PublicPlaces } from '../../../shared/schemas/orgs.js';
import type { OrgStatus } from '../../../shared/enums.js';
import { findRegionByCode, findRegionsByIds } from '../regions/index.js';
import * as repo from './orgs.repository.js';
import { parseOrgSearch } from './orgs.service.js';
import { toListItems } from './orgs.mapping.js';

/** What the public may see: filed and registered organizations once their filing or registration is through. */
const PUBLIC_STATUSES: OrgStatus[] = ['active', 'changing', 'deregistering', 'deregistered', 'dissolved', 'revoked'];
const isPublic = (r: OrgRow) => r.legal_form !== 'grassroots' && PUBLIC_STATUSES.includes(r.status);

export async function listPublicOrgs(db: Kysely<DB>, query: PublicOrgListQuery, homeRegion?: string) {
  // The office's own organizations come first, then its province's (issue 22 item 10), each part by pinyin.
  const home = homeRegion ? await findRegionByCode(db, homeRegion) : undefined;
  let within;
  if (query.region) {
    const region = await findRegionByCode(db, query.region);
    if (!region) return { items: [], total: 0 };
    within = subtreeOf(region);
  }
  const filter: repo.OrgListFilter = { scope: UNLIMITED_SCOPE, within, search: parseOrgSearch(query.q), form: query.form };
  const base = repo
    .filteredOrgs(db, filter)
    .where('legal_form', '<>', 'grassroots')
    .where('status', 'in', PUBLIC_STATUSES);
  const [{ n }] = await base.select((eb) => eb.fn.countAll<number>().as('n')).execute();
  const ordered = home ? base.selectAll().orderBy(repo.nearHomeFirst(home)) : base.selectAll();
  const rows = await ordered.orderBy('pinyin').orderBy('id').offset((query.page - 1) * query.pageSize).limit(query.pageSize).execute();
  const items = await toListItems(db, rows);
  return {
    total: Number(n),
    items: items.map((o, i) => ({
      id: o.id,
      name: o.name,
      creditCode: o.creditCode,
      legalForm: o.legalForm,
      category: o.category,
      regionPath: o.regionPath,
      status: o.status,
      foundedOn: o.foundedOn,
      certificateNo: rows[i].certificate_no,
    })),
  };
}

export async function getPublicOrg(db: Kysely<DB>, id: number): Promise<PublicOrg> {
  const row = await repo.findOrgById(db, id);
  if (!row || !isPublic(row)) throw errors.notFound('org');
  const [item] = await toListItems(db, [row]);
  return {
    id: item.id,
    name: row.name,
    formerNames: row.former_names,
    creditCode: row.credit_code,
    legalForm: row.legal_form,
    category: row.category,
    regionPath: item.regionPath,
    status: row.status,
    foundedOn: row.founded_on,
    purpose: row.purpose,
    activities: row.activities,
    certificateNo: row.certificate_no,
    ...(await publicOrgParts(db, Number(row.id))),
  };
}

/**
 * The districts the public register can be narrowed to (those with public organizations), with their province and
 * city: the home region's province first, then by code.
 */
export async function listPublicPlaces(db: Kysely<DB>, homeRegion?: string): Promise<PublicPlaces> {
  const home = homeRegion ? await findRegionByCode(db, homeRegion) : undefined;
  const rows = await repo.countPublicByDistrict(db, PUBLIC_STATUSES);
  const upper = await findRegionsByIds(db, [...new Set(rows.flatMap((r) => [r.level1_id, r.level2_id]).filter((id): id is number => id !== null).map(Number))]);
  const names = new Map(upper.map((r) => [Number(r.id), r.name]));
  const homeProvince = home ? Number(home.level1_id ?? home.id) : null;
  const items = rows
    .map((r) => ({
      code: r.code,
      name: r.name,
      path: [r.level1_id, r.level2_id].map((id) => (id === null ? undefined : names.get(Number(id)))).filter(Boolean).join(' '),
      count: Number(r.n),
      rank: homeProvince !== null && Number(r.level1_id) === homeProvince ? 0 : 1,
    }))
    .sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code))
    .map((r) => ({ code: r.code, name: r.name, path: r.path, count: r.count }));
  return { home: home?.code ?? null, items };
}
