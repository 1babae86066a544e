import { sealedColumns } from '../lib/personal-data.js';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import type { LegalForm } from '../../shared/enums.js';
import { creditCodeCheckChar, orgCodeCheckChar, residentIdCheckChar } from '../../shared/validators.js';
import { insertOrgsBulk, type BulkOrg } from '../modules/orgs/index.js';

/** A small deterministic generator (mulberry32): the same demo every time. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}
type Rng = ReturnType<typeof rng>;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤';
const GIVEN = '秀英桂兰玉梅建国建华志强海燕丽娟国庆卫东红霞金凤德明文华春生秋菊淑珍宝珠永康玉兰晓东红梅立新家豪子涵雨欣浩然思远俊杰晓燕明辉丽华';

/** Nouns of community organizations by category, as offices name them. */
const NOUNS: Record<string, string[]> = {
  文体活动: ['合唱团', '舞蹈队', '太极拳队', '书画社', '腰鼓队', '京剧票友社', '象棋社', '乒乓球协会', '健身操队', '诗词社', '门球队', '广场舞队', '读书会', '模特队', '葫芦丝队'],
  公益慈善: ['爱心互助会', '志愿服务队', '义工服务队', '助学会', '慈善互助社', '关爱留守儿童服务队'],
  生活服务: ['便民服务队', '家政服务社', '老年助餐服务社', '邻里互助站', '义务维修队', '居家养老服务队'],
  权益维护: ['调解会', '老年人维权协会', '妇女儿童维权站', '残疾人互助会', '消费维权服务站'],
  社区事务: ['楼道自治会', '平安巡逻队', '环境卫生监督队', '居民议事会', '物业协调会'],
  社会中介: ['心理咨询服务社', '社会工作服务站'],
  经济: ['再就业互助社', '个体劳动者协会'],
};
const BENGBU_NOUNS: Record<string, string[]> = {
  维权站: ['老年人维权站', '妇女维权站', '残疾人维权站', '劳动保障维权站', '消费者维权站'],
  俱乐部: ['书画俱乐部', '舞蹈俱乐部', '太极俱乐部', '棋牌俱乐部', '合唱俱乐部', '读书俱乐部', '健身俱乐部'],
  服务社: ['便民服务社', '助老服务社', '家政服务社', '青少年服务社', '义工服务社'],
};
const REGISTERED_THEMES: Record<'social_group' | 'social_service', [string, string][]> = {
  social_group: [['书法家协会', '文体活动'], ['老年体育协会', '文体活动'], ['摄影家协会', '文体活动'], ['慈善协会', '公益慈善'], ['志愿者协会', '公益慈善'], ['养老服务协会', '生活服务'], ['家庭教育促进会', '公益慈善'], ['社区服务协会', '社区事务'], ['物业管理协会', '经济'], ['个体劳动者协会', '经济'], ['围棋协会', '文体活动'], ['残疾人福利协会', '权益维护']],
  social_service: [['社会工作服务中心', '社会中介'], ['居家养老服务中心', '生活服务'], ['青少年活动中心', '文体活动'], ['心理健康服务中心', '社会中介'], ['公益服务中心', '公益慈善'], ['职业技能培训学校', '经济'], ['康复服务中心', '公益慈善'], ['社区服务中心', '社区事务']],
};
const PURPOSES: Record<string, string> = {
  文体活动: '丰富居民文化体育生活，弘扬传统文化，促进邻里和睦',
  公益慈善: '弘扬志愿精神，帮扶困难群众，关爱老人与留守儿童',
  生活服务: '为社区居民提供便民生活服务，方便群众生活',
  权益维护: '依法维护居民合法权益，化解邻里矛盾纠纷',
  社区事务: '组织居民参与社区治理，维护社区环境与平安',
  社会中介: '运用专业社会工作方法为居民提供服务',
  经济: '为会员提供就业创业与经营服务',
  枢纽型: '联系、服务、管理社区社会组织，推动以社管社',
  维权站: '依法维护居民合法权益',
  俱乐部: '组织社区文体与生活类活动',
  服务社: '为社区居民提供志愿与便民服务',
};

const shortName = (name: string) => name.replace(/(社区)?(居民委员会|居委会|村民委员会|村委会)$/, '').replace(/(街道办事处|街道|镇|乡)$/, '');

interface Place {
  code: string;
  name: string;
  level: number;
  district: string;
}

async function placesIn(db: Kysely<DB>, prefix: string, level: number): Promise<Place[]> {
  const rows = await db.selectFrom('regions').select(['code', 'name', 'level']).where('code', 'like', `${prefix}%`).where('level', '=', level).orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, district: r.code.slice(0, 6) }));
}

class DemoBuilder {
  readonly orgs: BulkOrg[] = [];
  private names = new Set<string>();
  private serial = 0;
  /** Filing/registration and deregistration dates come from a generator of their own: the rest of the demo stays as it was. */
  private dates = rng(20091231);
  constructor(private r: Rng) {}

  /** Entered the register 3–40 days after founding, within the founding year (seed 000 counts orgs per year). */
  recordedOn(founded: Date) {
    const end = Date.UTC(founded.getUTCFullYear(), 11, 31);
    return new Date(Math.min(founded.getTime() + this.dates.int(3, 40) * 86_400_000, end)).toISOString().slice(0, 10);
  }

  /** Deregistered after 2013, so the seed's 2013 total stands, and spread over the years since. */
  closedOn() {
    return new Date(Date.UTC(this.dates.int(2014, 2024), this.dates.int(0, 11), this.dates.int(1, 28))).toISOString().slice(0, 10);
  }

  leader(district: string) {
    const r = this.r;
    const name = r.pick([...SURNAMES]) + r.pick([...GIVEN]) + (r.next() < 0.6 ? r.pick([...GIVEN]) : '');
    const birth = `${r.int(1945, 1990)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`;
    const first17 = `${district}${birth}${String(r.int(0, 999)).padStart(3, '0')}`;
    const phone = `1${r.pick(['3', '5', '8'])}${r.int(0, 9)}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
    // Sealed as every write stores them (migration 0015).
    return { leader_name: name, ...sealedColumns('leader_id_number', 'resident_id', first17 + residentIdCheckChar(first17)), ...sealedColumns('leader_phone', 'phone', phone) };
  }

  creditCode(form: LegalForm, district: string) {
    const digit = form === 'social_group' ? '1' : form === 'social_service' ? '2' : '3';
    const body = `D${String(++this.serial).padStart(7, '0')}`;
    const first17 = `5${digit}${district}${body}${orgCodeCheckChar(body)}`;
    return first17 + creditCodeCheckChar(first17);
  }

  /** A name not yet used in that place: a second 合唱团 becomes 合唱二团 rather than a duplicate. */
  uniqueName(base: string, regionCode: string) {
    let name = base;
    for (let i = 2; this.names.has(`${regionCode}|${name}`); i++) name = `${base}（${i}）`;
    this.names.add(`${regionCode}|${name}`);
    return name;
  }

  add(o: { name: string; form: LegalForm; category: string; place: Place; founded: Date; hubId?: number | null; flags?: Partial<Record<'is_demo_site' | 'is_brand' | 'is_incubating', boolean>>; members?: number }) {
    const r = this.r;
    const registered = ['social_group', 'social_service', 'foundation'].includes(o.form);
    const foundedOn = o.founded.toISOString().slice(0, 10);
    const deregistered = o.founded.getUTCFullYear() < 2010 && r.next() < 0.02;
    const name = this.uniqueName(o.name, o.place.code);
    this.orgs.push({
      regionCode: o.place.code,
      recordedAt: new Date(o.founded.getTime() + r.int(3, 40) * 86_400_000),
      row: {
        name,
        former_names: [],
        credit_code: registered ? this.creditCode(o.form, o.place.district) : null,
        legal_form: o.form,
        category: o.category,
        address: `${o.place.name}${r.pick(['活动中心', '服务中心', '文化室', '居民之家'])}`,
        ...this.leader(o.place.district),
        individual_members: o.members ?? (registered ? r.int(30, 400) : r.int(12, 120)),
        unit_members: registered && r.next() < 0.4 ? r.int(3, 40) : null,
        founded_on: foundedOn,
        purpose: PURPOSES[o.category] ?? null,
        activities: null,
        venue: `${shortName(o.place.name)}社区活动室`,
        hub_org_id: o.hubId ?? null,
        status: o.form === 'grassroots' ? 'preparing' : deregistered ? 'deregistered' : 'active',
        recorded_on: o.form === 'grassroots' ? null : this.recordedOn(o.founded),
        closed_on: deregistered && o.form !== 'grassroots' ? this.closedOn() : null,
        is_demo_site: o.flags?.is_demo_site ?? r.next() < 0.03,
        is_brand: o.flags?.is_brand ?? r.next() < 0.02,
        is_incubating: o.flags?.is_incubating ?? (o.form === 'grassroots' && r.next() < 0.05),
        certificate_no: o.form === 'filed' && !deregistered ? `${o.place.district}备${o.founded.getUTCFullYear()}${String(this.serial++).padStart(5, '0')}` : null,
        created_by: null,
      },
    });
  }
}

/** A date in a year, deterministic. */
const dateIn = (r: Rng, year: number) => new Date(Date.UTC(year, r.int(0, 11), r.int(1, 28)));

/** Founding years for n organizations, spread over [firstYear, lastYear] in proportion to the weights (default even). */
function yearsFor(r: Rng, n: number, firstYear: number, lastYear: number, weights?: Record<number, number>): number[] {
  const out: number[] = [];
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
  const w = years.map((y) => weights?.[y] ?? 1);
  const total = w.reduce((s, x) => s + x, 0);
  years.forEach((y, i) => {
    const k = i === years.length - 1 ? n - out.length : Math.round((n * w[i]) / total);
    for (let j = 0; j < k && out.length < n; j++) out.push(y);
  });
  return out.sort(() => r.next() - 0.5);
}

export interface DemoOrgSummary {
  jizhou: number;
  binhai: number;
  bengbu: number;
}

/** The organizations of the seed documents, at their places, and generated ones in the seeds' own counts. */
export async function seedDemoOrgs(db: Kysely<DB>): Promise<DemoOrgSummary> {
  const existing = await db.selectFrom('orgs').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return { jizhou: 0, binhai: 0, bengbu: 0 };
  const r = rng(20261125);
  const b = new DemoBuilder(r);
  const place = async (code: string): Promise<Place> => {
    const row = await db.selectFrom('regions').select(['code', 'name', 'level']).where('code', '=', code).executeTakeFirstOrThrow();
    return { code: row.code, name: row.name, level: row.level, district: row.code.slice(0, 6) };
  };
  const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

  // 吉州区 (seed 002): the named organizations of 文山街道 and 北门街道; registered ones at the district.
  const jizhou = await place('360802');
  const wenshan = await place('360802003');
  const beimen = await place('360802005');
  const named: [string, LegalForm, string, Place, string, Record<string, boolean>?][] = [
    ['平安夕阳红老年人协会', 'filed', '文体活动', await place('360802003006'), '2009-03-15'],
    ['仓口社区老年书画社', 'filed', '文体活动', await place('360802003009'), '2010-05-20'],
    ['新村社区七彩义工之家', 'filed', '公益慈善', await place('360802003005'), '2008-09-01', { is_brand: true }],
    ['思源社区社会组织联合会', 'filed', '枢纽型', await place('360802003008'), '2012-06-18', { is_demo_site: true }],
    // Places the seed names that are no longer in the 2023 codes (民德巷社区) or not named: the street.
    ['和谐平安联创中心', 'filed', '社区事务', wenshan, '2011-04-08'],
    ['体育爱好者协会', 'filed', '文体活动', wenshan, '2009-10-10'],
    ['社工协会', 'filed', '社会中介', wenshan, '2012-02-22'],
    ['天马艺术团', 'filed', '文体活动', wenshan, '2008-07-01'],
    ['民德巷社区电动车协会', 'filed', '生活服务', wenshan, '2011-11-11'],
    ['状元桥诗词书法社', 'filed', '文体活动', beimen, '2010-03-03'],
    ['北门街道老年体协拳剑队', 'filed', '文体活动', beimen, '2009-08-08'],
    ['堆花韵艺术团', 'filed', '文体活动', beimen, '2011-05-05'],
    ['庐陵钟鼓楼京剧社', 'filed', '文体活动', beimen, '2010-09-09'],
    ['吉州区映山红党员义工管理服务中心', 'social_service', '公益慈善', jizhou, '2012-07-01', { is_brand: true }],
    ['吉州区社会组织联合会', 'social_group', '枢纽型', jizhou, '2013-01-18'],
    ['吉安协同社会工作服务中心', 'social_service', '社会中介', jizhou, '2012-10-26'],
    ['吉州区摄影家协会', 'social_group', '文体活动', jizhou, '2007-04-12'],
    ['吉州区形象礼仪协会', 'social_group', '文体活动', jizhou, '2011-06-06'],
    ['吉州区慈善志愿者协会', 'social_group', '公益慈善', jizhou, '2008-12-05'],
  ];
  for (const [name, form, category, p, founded, flags] of named) b.add({ name, form, category, place: p, founded: d(founded), flags });
  const jizhouCommunities = await placesIn(db, '360802', 5);
  const jizhouStreets = await placesIn(db, '360802', 4);
  const categories = Object.keys(NOUNS);
  const filedName = (p: Place, category: string) => `${shortName(p.name)}社区${r.pick(NOUNS[category])}`;
  // Seed 002: 388 filed or registered (139 registered) and 1,200 grassroots organizations.
  const registeredName = (p: Place, theme: string) => `${p.level === 3 ? '吉州区' : shortName(p.name)}${theme}`;
  for (const [i, year] of yearsFor(r, 133, 2004, 2014).entries()) {
    const form = i < 70 ? 'social_group' : 'social_service';
    const [theme, category] = r.pick(REGISTERED_THEMES[form]);
    const p = r.next() < 0.3 ? jizhou : r.pick(jizhouStreets);
    b.add({ name: registeredName(p, theme), form, category, place: p, founded: dateIn(r, year) });
  }
  for (const year of yearsFor(r, 388 - 139 - 13, 2006, 2014)) {
    const category = r.pick(categories);
    const p = r.pick(jizhouCommunities);
    b.add({ name: filedName(p, category), form: 'filed', category, place: p, founded: dateIn(r, year) });
  }
  for (const year of yearsFor(r, 1200, 2008, 2014)) {
    const category = r.pick(['文体活动', '文体活动', '公益慈善', '生活服务', '社区事务']);
    const p = r.pick(jizhouCommunities);
    b.add({ name: filedName(p, category), form: 'grassroots', category, place: p, founded: dateIn(r, year) });
  }
  const jizhouCount = b.orgs.length;

  // 滨海新区 (seed 003): 2,355 at the end of 2014: 326 社会团体, 297 民办非企业单位, 1,731 filed community organizations.
  const binhai = await place('120116');
  const binhaiStreets = await placesIn(db, '120116', 4);
  const binhaiCommunities = (await placesIn(db, '120116', 5)).filter((p) => /社区/.test(p.name));
  for (const form of ['social_group', 'social_service'] as const) {
    for (const year of yearsFor(r, form === 'social_group' ? 326 : 297, 2005, 2014, { 2010: 2, 2011: 2, 2012: 2, 2013: 2, 2014: 2 })) {
      const [theme, category] = r.pick(REGISTERED_THEMES[form]);
      const p = r.next() < 0.35 ? binhai : r.pick(binhaiStreets);
      b.add({ name: `${p.level === 3 ? '滨海新区' : shortName(p.name)}${theme}`, form, category, place: p, founded: dateIn(r, year) });
    }
  }
  // 624 registered = 326 + 297 + one more: the seed does not say which; a foundation fills the count.
  b.add({ name: '滨海新区社会组织发展基金会', form: 'foundation', category: '公益慈善', place: binhai, founded: d('2012-12-20') });
  for (const year of yearsFor(r, 1731, 2008, 2014, { 2011: 2, 2012: 2, 2013: 2, 2014: 2 })) {
    const category = r.pick(categories);
    const p = r.pick(binhaiCommunities);
    b.add({ name: filedName(p, category), form: 'filed', category, place: p, founded: dateIn(r, year) });
  }
  const binhaiCount = b.orgs.length - jizhouCount;

  // 蚌埠市 (seed 000): the hub federations (维权站 / 俱乐部 / 服务社 under each), 840 community organizations in 2009, 1,303 in 2013.
  const bengbuHubs: [string, string, string][] = [
    ['龙子湖区“心之桥”社区社会组织联合会', '340302', '2009-05-12'],
    ['蚌山区“心连心”社区社会组织联合会', '340303', '2009-06-18'],
    ['禹会区“温馨家园”社区社会组织联合会', '340304', '2009-07-20'],
    // 新城区 is not a 2023 division code; the seed's 新城 is placed at the economic development zone.
    ['“和谐家园”社区社会组织联合会', '340372', '2010-03-01'],
  ];
  const hubOrgs: BulkOrg[] = [];
  const hubStart = b.orgs.length;
  for (const [name, code, founded] of bengbuHubs) b.add({ name, form: 'social_group', category: '枢纽型', place: await place(code), founded: d(founded), flags: { is_brand: true } });
  b.add({ name: '锦绣社区社会组织联合会', form: 'filed', category: '枢纽型', place: await place('340304001004'), founded: d('2012-09-01'), flags: { is_demo_site: true } });
  b.add({ name: '碧水蓝天社区社会组织联合会', form: 'filed', category: '枢纽型', place: await place('340303402017'), founded: d('2012-10-15'), flags: { is_demo_site: true } });
  hubOrgs.push(...b.orgs.slice(hubStart));
  const bengbuCommunities = (await placesIn(db, '3403', 5)).filter((p) => /社区/.test(p.name));
  const bengbuRest = yearsFor(r, 1303 - 6, 2003, 2013, { 2003: 60, 2004: 70, 2005: 80, 2006: 95, 2007: 110, 2008: 130, 2009: 292, 2010: 100, 2011: 110, 2012: 120, 2013: 130 });
  const pendingHubLinks: { index: number; district: string }[] = [];
  for (const year of bengbuRest) {
    const category = r.pick(Object.keys(BENGBU_NOUNS));
    const p = r.pick(bengbuCommunities);
    const index = b.orgs.length;
    b.add({ name: `${shortName(p.name)}社区${r.pick(BENGBU_NOUNS[category])}`, form: 'filed', category, place: p, founded: dateIn(r, year) });
    pendingHubLinks.push({ index, district: p.district });
  }
  const bengbuCount = b.orgs.length - jizhouCount - binhaiCount;

  // Hubs first, so members can point at them.
  const hubIds = await insertOrgsBulk(db, hubOrgs, 'demo');
  const hubByDistrict = new Map(bengbuHubs.map(([, code], i) => [code, hubIds[i]]));
  for (const { index, district } of pendingHubLinks) b.orgs[index].row.hub_org_id = hubByDistrict.get(district) ?? null;
  await insertOrgsBulk(db, [...b.orgs.slice(0, hubStart), ...b.orgs.slice(hubStart + hubOrgs.length)], 'demo');
  return { jizhou: jizhouCount, binhai: binhaiCount, bengbu: bengbuCount };
}
