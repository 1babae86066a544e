import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import type { RequestContext } from '../lib/context.js';
import { addDays, todayInChina } from '../lib/working-days.js';
import { annulPenalty, markCarriedOut, recordPenalty } from '../modules/penalties/index.js';
import type { PenaltyInput } from '../../shared/schemas/penalties.js';
import { actorOf } from './demo-applications.js';

export interface DemoPenalties {
  /** The organizations penalized, for the log and for the credit demo (its entries follow from these penalties). */
  orgs: Array<{ id: number; name: string; kind: string }>;
}

/**
 * A handful of penalties in 吉州区, recorded through the penalties service so its listeners (the credit rules) act on
 * them as on any other: a warning (abnormal-list ground, 民政部令第60号第十条第（五）项), a ¥20,000 fine by the market
 * regulator, a ¥60,000 fine by the district (serious-list ground, 第十四条第（四）项), and a warning annulled on
 * reconsideration. The organizations are the first registered, active ones of the district by id (the seeded
 * organizations are deterministic), skipping hub federations and any linked to a demo account; the days are relative to today.
 */
export async function seedDemoPenalties(db: Kysely<DB>): Promise<DemoPenalties | null> {
  if (await db.selectFrom('penalties').select('id').limit(1).executeTakeFirst()) return null;
  const district = await db.selectFrom('regions').select('id').where('code', '=', '360802').executeTakeFirst();
  if (!district) return null;
  const orgs = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'legal_form'])
    .where('level3_id', '=', Number(district.id))
    .where('legal_form', 'in', ['social_group', 'social_service'])
    .where('status', '=', 'active')
    // Not a hub federation: the district's own partners in 以社管社 make a confusing first example.
    .where('category', '<>', '枢纽型')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('users').select('users.id').whereRef('users.org_id', '=', 'orgs.id'))))
    .orderBy('id')
    .limit(4)
    .execute();
  if (orgs.length < 4) return null;
  const ctx: RequestContext = { actor: await actorOf(db, 'jizhou-admin'), requestId: 'demo-seed', ip: null };
  const today = todayInChina();
  const year = today.slice(0, 4);
  const BUREAU = '吉安市吉州区民政局';
  const basisOf = (form: string) => (form === 'social_service' ? '《民办非企业单位登记管理暂行条例》第二十五条' : '《社会团体登记管理条例》第三十条');
  const [warned, smallFine, bigFine, annulled] = orgs as [(typeof orgs)[number], (typeof orgs)[number], (typeof orgs)[number], (typeof orgs)[number]];
  const record = (o: (typeof orgs)[number], fields: Omit<PenaltyInput, 'orgId'>) => recordPenalty(db, ctx, { orgId: Number(o.id), ...fields });

  await record(warned, {
    kind: 'warning', decisionNo: `吉区民罚〔${year}〕3号`, decidedOn: addDays(today, -40), decidingBody: BUREAU, byRegistrar: true, legalBasis: basisOf(warned.legal_form),
    facts: '未按照规定办理负责人变更登记，经登记管理机关责令改正后逾期仍未办理。',
  });
  const fine = await record(smallFine, {
    kind: 'fine', amountFen: 2_000_000, decisionNo: `吉市监罚〔${year}〕27号`, decidedOn: addDays(today, -75), decidingBody: '吉安市吉州区市场监督管理局', byRegistrar: false,
    legalBasis: '《中华人民共和国价格法》第四十二条', facts: '开展培训服务未明码标价，收取费用超出公示标准。',
  });
  await markCarriedOut(db, ctx, fine.id, { carriedOutOn: addDays(today, -60), version: fine.version });
  await record(bigFine, {
    kind: 'fine', amountFen: 6_000_000, decisionNo: `吉区民罚〔${year}〕5号`, decidedOn: addDays(today, -20), decidingBody: BUREAU, byRegistrar: true, legalBasis: basisOf(bigFine.legal_form),
    facts: '违反章程规定擅自设立分支机构并以其名义收取会费，违法所得已另行处理。',
  });
  const warning = await record(annulled, {
    kind: 'warning', decisionNo: `吉区民罚〔${year}〕1号`, decidedOn: addDays(today, -120), decidingBody: BUREAU, byRegistrar: true, legalBasis: basisOf(annulled.legal_form),
    facts: '年度工作报告未如实反映开展活动情况。',
  });
  await annulPenalty(db, ctx, warning.id, { annulledOn: addDays(today, -70), reason: '经行政复议，认定事实不清，撤销原处罚决定。', version: warning.version });
  const kinds = ['警告', '罚款 ¥20,000（市场监管局）', '罚款 ¥60,000', '警告（已撤销）'];
  return { orgs: orgs.map((o, i) => ({ id: Number(o.id), name: o.name, kind: kinds[i]! })) };
}
