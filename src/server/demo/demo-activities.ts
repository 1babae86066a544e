import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import type { NewActivity } from '../db/types-ledger.js';
import { insertJsonRows } from '../db/bulk-insert.js';
import { todayInChina } from '../lib/working-days.js';
import { recomputeTotals, refreshLastActivity } from '../modules/activities/index.js';
import { rng } from './demo-orgs.js';

type Rng = ReturnType<typeof rng>;
/** Seeded per organization by its name (FNV-1a), so an organization's ledger does not depend on the others. */
const seedOf = (text: string) => [...text].reduce((h, ch) => Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0, 2166136261);

/** Titles as community ledgers word them, per activity type (the district's default list, DEFAULT_LEDGER). */
const TITLES: Record<string, string[]> = {
  文体活动: ['周末排练', '迎新春文艺汇演', '重阳节敬老文艺演出', '书画作品交流展', '广场健身展示', '端午诗词诵读会', '中秋联欢晚会', '社区趣味运动会', '国庆红歌会', '元宵猜灯谜'],
  志愿服务: ['清洁家园志愿行动', '敬老院探访慰问', '义务理发进社区', '文明劝导志愿服务', '垃圾分类宣传', '关爱独居老人上门服务', '学雷锋便民服务日', '义务维修小家电'],
  议事协商: ['楼道自治议事会', '加装电梯协商会', '停车管理居民议事', '小区环境整治协商', '物业服务恳谈会'],
  培训讲座: ['防范电信诈骗讲座', '健康养生知识讲座', '消防安全培训', '智能手机使用培训', '急救知识培训', '家庭教育讲座'],
  慈善募捐: ['爱心义卖', '助学募捐', '“慈善一日捐”活动', '困难家庭帮扶募捐'],
  会员大会: ['年度会员大会', '会员代表大会'],
  换届选举: ['理事会换届选举'],
  其他: ['工作例会', '年度工作总结会', '外出参观学习'],
};

/** Which types an organization of a category holds, most likely first (its own kind, then what every group does). */
const TYPES_BY_CATEGORY: Record<string, string[]> = {
  文体活动: ['文体活动', '文体活动', '文体活动', '志愿服务', '培训讲座', '其他'],
  公益慈善: ['志愿服务', '志愿服务', '志愿服务', '培训讲座', '其他'],
  生活服务: ['志愿服务', '志愿服务', '培训讲座', '文体活动', '其他'],
  权益维护: ['培训讲座', '议事协商', '志愿服务', '其他'],
  社区事务: ['议事协商', '议事协商', '志愿服务', '培训讲座'],
  枢纽型: ['培训讲座', '议事协商', '其他', '志愿服务'],
};
const PLACES = ['党群服务中心活动室', '居民活动广场', '社区文化活动中心', '新时代文明实践站', '社区老年活动室', '社区会议室'];
const START_HOURS = [[9, 0], [9, 30], [14, 30], [15, 0], [19, 0], [19, 30]] as const;

interface DemoOrg {
  id: number;
  name: string;
  category: string;
  legal_form: string;
  community: string;
  hub_org_id: number | null;
  placement: Pick<NewActivity, 'region_id' | 'level1_id' | 'level2_id' | 'level3_id' | 'level4_id' | 'level5_id' | 'level6_id'>;
}

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const communityWord = (name: string) => name.replace(/(居民委员会|居委会|村民委员会|村委会)$/, '');

/** One activity of an organization on a day: type by its category, plausible figures, the money of a 募捐. */
function activityOn(r: Rng, o: DemoOrg, day: string, type: string): Omit<NewActivity, 'entered_by' | 'entered_as'> {
  const [h, m] = r.pick(START_HOURS);
  const hoursLong = type === '志愿服务' ? r.int(2, 4) : r.int(1, 3);
  const big = type === '会员大会' || (type === '文体活动' && r.next() < 0.08);
  const participants = big ? r.int(50, 220) : r.int(10, 80);
  const volunteers = type === '志愿服务' ? r.int(5, 30) : r.next() < 0.4 ? r.int(1, 6) : 0;
  const start = new Date(Date.parse(`${day}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08:00`));
  return {
    org_id: o.id,
    ...o.placement,
    starts_at: start,
    ends_at: new Date(start.getTime() + hoursLong * 3_600_000),
    held_on: day,
    title: r.pick(TITLES[type]),
    activity_type: type,
    place: `${communityWord(o.community)}${r.pick(PLACES)}`.replace('社区社区', '社区'),
    participants,
    beneficiaries: type === '志愿服务' || type === '慈善募捐' ? r.int(20, 150) : 0,
    volunteers,
    volunteer_minutes: volunteers * hoursLong * 60,
    // 募捐: thousands of yuan, one in ten above the default declaration threshold of ¥100,000.
    amount_fen: type === '慈善募捐' ? (r.next() < 0.1 ? r.int(100_000, 180_000) : r.int(2_000, 60_000)) * 100 : 0,
    foreign_related: false,
    description: null,
  };
}

/**
 * A year of ledger activities (issue 13, Acceptance) for the filed and registered organizations of 吉州区 (and the
 * grassroots groups of 文山街道, whose communities keep their ledgers too) and the members of the Bengbu federation, up to the seeding day: most meet once to three times a month, some every few months, and about one in
 * eight has nothing for over a year (dormant, 社会团体登记管理条例 art. 29; some never entered any). Entered by the
 * demo accounts as they would be: 仓口社区's by its staff (its leader's own by the leader), 文山街道's by the street,
 * the federation's members by the federation (以社管社), the rest by the district. Loaded once; the month totals and
 * each organization's last activity day are recomputed at the end.
 */
export async function seedDemoActivities(db: Kysely<DB>): Promise<{ activities: number; dormant: number }> {
  if (await db.selectFrom('activities').select('id').limit(1).executeTakeFirst()) return { activities: 0, dormant: 0 };
  const users = new Map((await db.selectFrom('users').select(['id', 'username', 'org_id']).execute()).map((u) => [u.username, u]));
  const account = (name: string) => users.get(name);
  const hub = account('bengbu-hub');
  const orgs = await sql<DemoOrg & { level1_id: number | null; level2_id: number | null; level3_id: number | null; level4_id: number | null; level5_id: number | null; level6_id: number | null; region_id: number; community_code: string }>`
    select o.id, o.name, o.category, o.legal_form, o.hub_org_id, r.name as community, r.code as community_code,
           o.region_id, o.level1_id, o.level2_id, o.level3_id, o.level4_id, o.level5_id, o.level6_id
      from orgs o join regions r on r.id = o.region_id
     -- 文山街道's communities keep their grassroots groups' activities too (仓口社区's ledger is the demo's own);
     -- a grassroots group is 筹备 (preparing) in the register, and meets all the same
     where ((o.status = 'active' and o.legal_form <> 'grassroots') or (o.legal_form = 'grassroots' and o.status = 'preparing' and r.code like '360802003%'))
       and (r.code like '360802%' or o.hub_org_id = ${hub?.org_id ?? 0} or o.id = ${hub?.org_id ?? 0})
     order by o.name`.execute(db);
  const today = todayInChina();
  const rows: NewActivity[] = [];
  let dormant = 0;
  for (const row of orgs.rows) {
    const o: DemoOrg = { ...row, id: Number(row.id), placement: { region_id: Number(row.region_id), level1_id: row.level1_id, level2_id: row.level2_id, level3_id: row.level3_id, level4_id: row.level4_id, level5_id: row.level5_id, level6_id: row.level6_id } };
    const r = rng(seedOf(o.name));
    const leader = account('cangkou-leader');
    const by =
      leader?.org_id && Number(leader.org_id) === o.id ? { entered_by: leader.id, entered_as: 'leader' as const }
      : row.community_code.startsWith('360802003009') ? { entered_by: account('cangkou-staff')!.id, entered_as: 'community' as const }
      : row.community_code.startsWith('360802003') ? { entered_by: account('wenshan-reviewer')!.id, entered_as: 'street' as const }
      : hub && (Number(o.hub_org_id) === Number(hub.org_id) || o.id === Number(hub.org_id)) ? { entered_by: hub.id, entered_as: 'hub' as const }
      : { entered_by: account('jizhou-admin')!.id, entered_as: 'district' as const };
    const pace = r.next();
    const types = TYPES_BY_CATEGORY[o.category] ?? TYPES_BY_CATEGORY.文体活动;
    if (pace < 0.12) {
      // Dormant: nothing in the last year; half of them had a last activity 13–20 months ago.
      dormant++;
      if (r.next() < 0.5) rows.push({ ...activityOn(r, o, addDays(today, -r.int(395, 600)), r.pick(types)), ...by });
      continue;
    }
    // Regular groups meet every 10–20 days, occasional ones every 45–90 days.
    const [minGap, maxGap] = pace < 0.35 ? [45, 90] : [10, 20];
    for (let back = r.int(1, maxGap); back <= 365; back += r.int(minGap, maxGap)) {
      rows.push({ ...activityOn(r, o, addDays(today, -back), r.pick(types)), ...by });
    }
    // A registered social group holds its yearly members' assembly (会员大会); a few federations and charities raise funds.
    if (o.legal_form === 'social_group') rows.push({ ...activityOn(r, o, addDays(today, -r.int(30, 330)), '会员大会'), ...by });
    if (o.category === '公益慈善' && r.next() < 0.3) rows.push({ ...activityOn(r, o, addDays(today, -r.int(20, 340)), '慈善募捐'), ...by });
  }
  for (let i = 0; i < rows.length; i += 2_000) {
    await db.transaction().execute((trx) => insertJsonRows(trx, 'activities', rows.slice(i, i + 2_000) as unknown as Record<string, unknown>[]));
  }
  await db.transaction().execute(async (trx) => {
    await recomputeTotals(trx);
    await refreshLastActivity(trx, orgs.rows.map((o) => Number(o.id)));
  });
  return { activities: rows.length, dormant };
}
