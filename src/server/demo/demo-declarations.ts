import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import '../db/types-declarations.js';
import type { Actor, RequestContext } from '../lib/context.js';
import { actorOf } from './demo-applications.js';
import { addDays, todayInChina } from '../lib/working-days.js';
import { MONEY_KIND, PARTICIPANTS_KIND, FOREIGN_KIND } from '../../shared/schemas/supervision-settings.js';
import type { DeclarationCreateBody } from '../../shared/schemas/declarations.js';
import { createDeclaration } from '../modules/declarations/declarations.service.js';
import { reviewDeclaration } from '../modules/declarations/declarations.review.js';
import { fileSummary } from '../modules/declarations/declarations.after-event.js';

/**
 * Moves a declaration and its review round `days` back in time, so a declaration of an activity already held reads
 * as it happened (declared a week or more before it, decided, then held). Demo data only: no submission can be late.
 */
async function backdate(db: Kysely<DB>, id: number, days: number) {
  const shift = sql.raw(`interval '${days} days'`);
  const dshift = sql.raw(String(days));
  await sql`update declarations set planned_start_on = planned_start_on - ${dshift}, planned_end_on = planned_end_on - ${dshift},
    summary_due_on = summary_due_on - ${dshift}, declared_at = declared_at - ${shift}, decided_at = decided_at - ${shift},
    created_at = created_at - ${shift}, updated_at = updated_at - ${shift} where id = ${id}`.execute(db);
  await sql`update review_events set at = at - ${shift}, due_on = due_on - ${dshift}
    where case_id in (select id from review_cases where subject_kind = 'declaration' and subject_id = ${id})`.execute(db);
  await sql`update review_cases set submitted_at = submitted_at - ${shift}, decided_at = decided_at - ${shift}, created_at = created_at - ${shift},
    updated_at = updated_at - ${shift}, step_due_on = step_due_on - ${dshift} where subject_kind = 'declaration' and subject_id = ${id}`.execute(db);
}

const orgIdByName = async (db: Kysely<DB>, name: string) => (await db.selectFrom('orgs').select('id').where('name', '=', name).executeTakeFirst())?.id;

/**
 * Declarations at every stage in 仓口社区, so each demo account finds something: one held, summarized; one held whose
 * summary is overdue; one at the community, one at the street, one returned for correction, one draft.
 */
export async function seedDemoDeclarations(db: Kysely<DB>): Promise<boolean> {
  if (await db.selectFrom('declarations').select('id').limit(1).executeTakeFirst()) return false;
  const leaderOrg = (await db.selectFrom('users').select('org_id').where('username', '=', 'cangkou-leader').executeTakeFirst())?.org_id;
  const otherOrg = await orgIdByName(db, '仓口社区老年书画社');
  if (!leaderOrg || !otherOrg) return false;
  const ctx = (actor: Actor): RequestContext => ({ actor, requestId: 'demo-seed', ip: null });
  const [leader, staff, street] = await Promise.all([actorOf(db, 'cangkou-leader'), actorOf(db, 'cangkou-staff'), actorOf(db, 'wenshan-reviewer')]);
  const today = todayInChina();
  const body = (orgId: number, start: number, fields: Partial<DeclarationCreateBody> & Pick<DeclarationCreateBody, 'kinds' | 'title' | 'content'>): DeclarationCreateBody => ({
    orgId: Number(orgId),
    plannedStartOn: addDays(today, start),
    plannedEndOn: addDays(today, start),
    place: '仓口社区党群服务中心',
    expectedParticipants: 40,
    amountFen: 0,
    foreignRelated: false,
    contactName: '刘桂芳',
    contactPhone: '13907961501',
    submit: true,
    ...fields,
  });
  const approve = async (id: number) => {
    await reviewDeclaration(db, ctx(staff), id, { decision: 'approve', opinion: '活动方案完整，安全预案已落实，同意上报' });
    await reviewDeclaration(db, ctx(street), id, { decision: 'approve', opinion: '同意举办，请做好现场秩序维护' });
  };

  // Held 40 days ago, summary filed on time.
  const exhibition = await createDeclaration(db, ctx(leader), body(leaderOrg, 10, { kinds: ['研讨会或展览'], title: '银龄书画作品展', expectedParticipants: 120, content: '展出社员书法、国画作品 80 余幅，为期一天，社区居民免费参观。' }));
  await approve(exhibition.id);
  await backdate(db, exhibition.id, 50);
  await fileSummary(db, ctx(leader), exhibition.id, { effect: '展出作品 86 幅，参观居民约 300 人次，三位社员作品被区文化馆选送市展。', problems: '展厅照明不足，部分作品观看效果欠佳。', nextSteps: '明年借用街道文化站展厅，并提前一个月征集作品。' });
  await sql`update declaration_summaries set filed_at = filed_at - interval '35 days' where declaration_id = ${exhibition.id}`.execute(db);

  // Held 20 days ago on the organization's behalf; its summary was due 5 days ago.
  const festival = await createDeclaration(db, ctx(staff), body(otherOrg, 10, { kinds: [PARTICIPANTS_KIND], title: '重阳敬老游园会', expectedParticipants: 150, contactName: '周建国', contactPhone: '13907961502', content: '重阳节为辖区 70 岁以上老人举办游园、义诊和书法赠福字活动。' }));
  await approve(festival.id);
  await backdate(db, festival.id, 30);

  // At the community's pre-review (cangkou-staff's queue).
  await createDeclaration(db, ctx(leader), body(leaderOrg, 12, { kinds: ['会员（代表）大会', '理事会换届'], title: '第二届会员大会暨理事会换届', expectedParticipants: 45, content: '审议第一届理事会工作报告和财务报告，选举第二届理事会。' }));

  // At the street (wenshan-reviewer's queue).
  const charter = await createDeclaration(db, ctx(staff), body(otherOrg, 9, { kinds: ['章程修改'], title: '章程修改会员大会', expectedParticipants: 30, contactName: '周建国', contactPhone: '13907961502', content: '修改章程第三条活动内容，增加书法进校园公益项目。' }));
  await reviewDeclaration(db, ctx(staff), charter.id, { decision: 'approve', opinion: '修改内容已经理事会讨论通过，同意上报' });

  // Returned for correction (the leader's to-do).
  const sale = await createDeclaration(db, ctx(leader), body(leaderOrg, 20, { kinds: [MONEY_KIND], title: '书画进校园公益义卖', expectedParticipants: 80, amountFen: 12_000_000, content: '社员作品义卖，所得款项捐赠社区困难老人帮扶基金。' }));
  await reviewDeclaration(db, ctx(staff), sale.id, { decision: 'return', opinion: '请补充善款的接收、使用和公示方案，并附合作学校的同意函。' });

  // A draft not yet submitted.
  await createDeclaration(db, ctx(leader), body(leaderOrg, 30, { kinds: [FOREIGN_KIND], title: '中日书法交流笔会', expectedParticipants: 25, foreignRelated: true, submit: false, content: '邀请日本友好城市书法爱好者 6 人来社区交流。' }));
  return true;
}
