import type { OrgRow, Db } from '../../db/types.js';
import type { Org, OrgListItem, OrgWarning } from '../../../shared/schemas/orgs.js';
import { bigrams, pinyinForm, quadgrams, searchForm, toInitials, toPinyin, trigrams } from '../../lib/search-text.js';
import * as repo from './orgs.repository.js';


/**
 * Search columns of an organization: pinyin and initials of every name it has borne, and their n-grams (migration
 * 0010 computes the four-letter ones in SQL for rows stored before; a test keeps the two the same). Names are kept
 * as written; everything here is built from their normalized forms (searchForm, pinyinForm), so a traditional and a
 * simplified spelling give the same grams, and `search_name` carries the normalized form where it differs from the
 * written one (migration 0014; orgs.search-backfill.ts brings rows stored before it up to date).
 */
export function searchColumns(name: string, formerNames: string[]) {
  const names = [name, ...formerNames];
  const forms = names.map(searchForm);
  const readable = names.map(pinyinForm);
  const pinyins = readable.map(toPinyin);
  const initials = readable.map(toInitials);
  const grams = new Set<string>();
  for (const n of forms) for (const g of bigrams(n)) grams.add(g);
  for (const p of [...pinyins, ...initials]) for (const g of [...trigrams(p), ...quadgrams(p)]) grams.add(g);
  const written = names.join(' ');
  const normalized = forms.join(' ');
  return { pinyin: pinyins.join(' '), initials: initials.join(' '), search_grams: [...grams], search_name: normalized === written ? null : normalized };
}

const iso = (d: Date | string) => new Date(d).toISOString();

type Placed = Pick<OrgRow, 'region_id' | 'level1_id' | 'level2_id' | 'level3_id' | 'level4_id' | 'level5_id' | 'level6_id'>;

/** Where each record (an organization, an application) lies: its node and the path from the district down. */
export async function placesOf(db: Db, rows: Placed[]) {
  const ids = new Set<number>();
  for (const r of rows) for (const l of [3, 4, 5, 6]) {
    const id = r[repo.levelColumn(l)];
    if (id !== null) ids.add(Number(id));
  }
  const names = await repo.findRegionNames(db, [...ids]);
  return (r: Placed) => {
    const node = names.get(Number(r.region_id))!;
    const path = [3, 4, 5, 6]
      .map((l) => r[repo.levelColumn(l)])
      .filter((id): id is number => id !== null)
      .map((id) => names.get(Number(id))?.name ?? '')
      .join(' / ');
    return { region: { id: Number(r.region_id), code: node.code, name: node.name, level: node.level }, regionPath: path };
  };
}

/** The fields a list row and the full record share; personal data as its stored masked form (never decrypted here). */
function listFields(r: OrgRow, place: ReturnType<Awaited<ReturnType<typeof placesOf>>>): OrgListItem {
  return {
    id: Number(r.id),
    name: r.name,
    formerNames: r.former_names,
    creditCode: r.credit_code,
    legalForm: r.legal_form,
    category: r.category,
    ...place,
    leaderName: r.leader_name,
    leaderPhone: r.leader_phone_masked,
    individualMembers: r.individual_members,
    unitMembers: r.unit_members,
    foundedOn: r.founded_on,
    status: r.status,
    isDemoSite: r.is_demo_site,
    isBrand: r.is_brand,
    isIncubating: r.is_incubating,
    updatedAt: iso(r.updated_at),
  };
}

export async function toListItems(db: Db, rows: OrgRow[]): Promise<OrgListItem[]> {
  const place = await placesOf(db, rows);
  return rows.map((r) => listFields(r, place(r)));
}

/** The full record, with personal data masked: revealing it is a separate, audited request. */
export async function toOrg(db: Db, r: OrgRow, warnings: OrgWarning[]): Promise<Org> {
  const place = await placesOf(db, [r]);
  const hub = r.hub_org_id ? await repo.findOrgById(db, Number(r.hub_org_id)) : undefined;
  return {
    ...listFields(r, place(r)),
    address: r.address,
    leaderIdNumber: r.leader_id_number_masked,
    purpose: r.purpose,
    activities: r.activities,
    venue: r.venue,
    hub: hub ? { id: Number(hub.id), name: hub.name } : null,
    certificateNo: r.certificate_no,
    version: r.version,
    createdAt: iso(r.created_at),
    warnings,
  };
}
