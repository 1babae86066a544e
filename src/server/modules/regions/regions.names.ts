import { cleanText } from '../../../shared/text-normalize.js';

/**
 * Region names as people write them in ledgers (issue 11 item 5): with or without the committee suffix and the
 * kind word (`仓口`, `仓口社区`, `仓口社区居委会` all name 仓口社区居委会), with the street in front
 * (`文山街道仓口社区`), or the district too. Pure: the service fetches the nodes, this decides which ones a text names.
 */

export interface NamedNode {
  id: number;
  code: string;
  name: string;
  level: number;
  kind: string;
  level3_id: number | null;
  level4_id: number | null;
  level5_id: number | null;
}

type Want = 'community' | 'village' | 'street' | 'town' | 'township' | 'district' | 'any';

/** Committee words after a community's or village's name (民政部 names the committee, people name the place). */
const COMMITTEE = /(社区居民委员会|社区居委会|居民委员会|居委会|村民委员会|村委会)$/;
const STREET_WORDS = /(街道办事处|街道办|办事处|街道|镇人民政府|镇政府|乡人民政府|乡政府|镇|乡|苏木)$/;
const DISTRICT_WORDS = /(区|县|市|旗)$/;

const compact = (text: string) => cleanText(text).replace(/\s+/g, '').replace(/[（(].*?[)）]$/, '');

/** The core of an official name and the kind its words give it: 仓口社区居委会 → 仓口; 新村村委会 → 新村 (village). */
export function officialCore(node: Pick<NamedNode, 'name' | 'level' | 'kind'>): string {
  const name = compact(node.name);
  if (node.level >= 5) return name.replace(COMMITTEE, '').replace(/社区$/, '') || name;
  if (node.level === 4) return name.replace(STREET_WORDS, '') || name;
  if (node.level === 3) return name.replace(DISTRICT_WORDS, '') || name;
  return name;
}

function kindMatches(want: Want, node: Pick<NamedNode, 'level' | 'kind'>): boolean {
  if (want === 'any') return true;
  if (want === 'community') return node.level >= 5 && node.kind !== 'village';
  if (want === 'village') return node.level >= 5 && node.kind === 'village';
  if (want === 'district') return node.level === 3;
  if (want === 'street') return node.level === 4 && node.kind === 'street';
  return node.level === 4 && (node.kind === want || node.kind === 'township_other');
}

/**
 * What one written name may mean, as (core, kind) pairs: `新村社区` → 新村 (community); `新村村` → 新村 (village) or a
 * place whose name is 新村村; `新村` → a place named 新村 (a 新村居委会 or a 新村村委会) or a village named 新.
 */
export function readings(text: string): { core: string; want: Want }[] {
  const t = compact(text);
  if (!t) return [];
  const out: { core: string; want: Want }[] = [{ core: t, want: 'any' }];
  const add = (core: string, want: Want) => core && out.push({ core, want });
  let m: RegExpExecArray | null;
  if ((m = /^(.+?)(社区居民委员会|社区居委会|居民委员会|居委会|社区)$/.exec(t))) add(m[1], 'community');
  else if ((m = /^(.+?)(村民委员会|村委会)$/.exec(t))) add(m[1], 'village');
  else if ((m = /^(.+)村$/.exec(t))) add(m[1], 'village');
  if ((m = /^(.+?)(街道办事处|街道办|办事处|街道)$/.exec(t))) add(m[1], 'street');
  else if ((m = /^(.+?)(镇人民政府|镇政府|镇)$/.exec(t))) add(m[1], 'town');
  else if ((m = /^(.+?)(乡人民政府|乡政府|乡|苏木)$/.exec(t))) add(m[1], 'township');
  if ((m = /^(.+)(区|县|旗)$/.exec(t))) add(m[1], 'district');
  return out;
}

/** Every way to cut a text into written parents and the node's own name: `文山街道仓口社区` → [文山街道, 仓口社区]. */
export function segmentations(text: string): string[][] {
  const t = compact(text);
  const out: string[][] = [[t]];
  const cut = /(街道办事处|街道办|办事处|街道|镇|乡|区|县)/g;
  const ends = new Set<number>();
  for (const m of t.matchAll(cut)) ends.add(m.index! + m[0].length);
  const sorted = [...ends].filter((e) => e > 0 && e < t.length).sort((a, b) => a - b);
  // One or two parents (district, street): enough for any ledger of one district.
  for (const a of sorted) {
    out.push([t.slice(0, a), t.slice(a)]);
    for (const b of sorted) if (b > a) out.push([t.slice(0, a), t.slice(a, b), t.slice(b)]);
  }
  return out;
}

/** The name prefixes the nodes must be fetched by: every reading's core of every segment. */
export function corePrefixes(text: string): string[] {
  const cores = new Set<string>();
  for (const seg of segmentations(text)) for (const part of seg) for (const r of readings(part)) cores.add(r.core);
  return [...cores];
}

const names = (node: NamedNode, part: string) => readings(part).some((r) => r.core === officialCore(node) && kindMatches(r.want, node));

const isBelow = (node: NamedNode, parent: NamedNode) => node.level > parent.level && node[`level${parent.level}_id` as 'level3_id' | 'level4_id' | 'level5_id'] === parent.id;

/**
 * The nodes a written name names, among `nodes` (fetched by `corePrefixes`, inside the importer's jurisdiction).
 * An exact official name wins outright; otherwise every reading of every cut counts, and the caller accepts the
 * match only when it is unique.
 */
export function matchNodes(text: string, nodes: NamedNode[]): NamedNode[] {
  const t = compact(text);
  const exact = nodes.filter((n) => compact(n.name) === t && n.level >= 3);
  if (exact.length > 0) return exact;
  const found = new Map<number, NamedNode>();
  for (const seg of segmentations(t)) {
    const own = seg[seg.length - 1];
    let parents = null as NamedNode[] | null;
    for (const part of seg.slice(0, -1)) {
      const above: NamedNode[] | null = parents;
      parents = nodes.filter((n) => n.level <= 4 && names(n, part) && (above === null || above.some((p) => isBelow(n, p))));
      if (parents.length === 0) break;
    }
    if (parents !== null && parents.length === 0) continue;
    for (const n of nodes) {
      // The node itself is a district (registered organizations), street, community, village or grid; written
      // parents must be above it.
      if (n.level < 3 || !names(n, own)) continue;
      if (parents === null || parents.some((p) => isBelow(n, p))) found.set(n.id, n);
    }
  }
  return [...found.values()];
}
