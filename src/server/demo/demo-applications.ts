import PDFDocument from 'pdfkit';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import type { Actor, RequestContext } from '../lib/context.js';
import { actingOrgId } from '../lib/access.js';
import { residentIdCheckChar } from '../../shared/validators.js';
import { createApplication, submitApplication } from '../modules/applications/applications.service.js';
import { reviewApplication } from '../modules/applications/applications.review.js';
import { addApplicationAttachment } from '../modules/applications/applications.attachments.js';

/** A demo account as the services see it (its node and the organization it speaks for). */
export async function actorOf(db: Kysely<DB>, username: string): Promise<Actor> {
  const u = await db
    .selectFrom('users as u')
    .leftJoin('regions as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.org_id', 'r.id as region_id', 'r.code', 'r.name', 'r.level'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
  // An expert is placed nowhere (region null).
  const region = u.region_id === null ? null : { id: u.region_id, code: u.code!, name: u.name!, level: u.level! };
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, orgId: actingOrgId(u.role, u.org_id), region };
}

/** A small real PDF standing in for a scanned file (marked as a demo). */
function demoPdf(title: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(18).text(`Demo attachment: ${title}`).fontSize(11).text('Shezu demo data - not a real document.');
  doc.end();
  return done;
}

const idNumber = (birth: string, seq: number) => {
  const first17 = `360802${birth}${String(seq).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
};

function filing(name: string, leaderName: string, seq: number, purpose: string, activities: string, members: number) {
  return {
    org: {
      name,
      legalForm: 'filed' as const,
      category: '文体活动',
      regionCode: '360802003009',
      address: '吉州区文山街道仓口社区',
      leaderName,
      leaderIdNumber: idNumber('19600315', seq),
      leaderPhone: `1390796${String(1000 + seq).slice(-4)}`,
      individualMembers: members,
      unitMembers: 0,
      purpose,
      activities,
      venue: '仓口社区党群服务中心活动室',
    },
    members: Array.from({ length: members }, (_, i) => ({ name: `${leaderName.slice(0, 1)}${['秀英', '桂兰', '建国', '玉梅', '志强', '淑珍'][i % 6]}${i + 1}`, kind: 'individual' as const })),
    charter: `第一条 本组织名称：${name}。\n第二条 宗旨：${purpose}。\n第三条 活动内容：${activities}。\n第四条 负责人：${leaderName}。\n第五条 本组织接受仓口社区居委会和文山街道办事处的指导与管理。`,
  };
}

/**
 * Applications at each stage, so every demo reviewer has something in their queue: one approved (with a
 * certificate the leader can download and anyone can verify), one at the street, one at the community.
 */
export async function seedDemoApplications(db: Kysely<DB>): Promise<boolean> {
  if (await db.selectFrom('applications').select('id').limit(1).executeTakeFirst()) return false;
  const ctx = (actor: Actor): RequestContext => ({ actor, requestId: 'demo-seed', ip: null });
  const [leader, staff, street] = await Promise.all([actorOf(db, 'cangkou-leader'), actorOf(db, 'cangkou-staff'), actorOf(db, 'wenshan-reviewer')]);
  const files = await Promise.all(['charter', 'leader_id', 'venue_proof', 'member_list'].map(async (kind) => ({ kind, buffer: await demoPdf(kind) })));
  const file = async (by: Actor, id: number) => {
    for (const f of files) await addApplicationAttachment(db, ctx(by), id, { kind: f.kind, filename: `${f.kind}-demo.pdf`, buffer: f.buffer, truncated: false });
  };
  const submitted = async (by: Actor, data: ReturnType<typeof filing>) => {
    const app = await createApplication(db, ctx(by), { kind: 'filing', data });
    await file(by, app.id);
    await submitApplication(db, ctx(by), app.id);
    return app.id;
  };

  const approved = await submitted(leader, filing('仓口社区银龄书画社', '刘桂芳', 501, '传承书画艺术，丰富老年人精神文化生活', '书法绘画练习、作品展览、进校园交流', 26));
  await reviewApplication(db, ctx(staff), approved, { decision: 'approve', opinion: '材料齐全，成员均为本社区居民，同意上报' });
  await reviewApplication(db, ctx(street), approved, { decision: 'approve', opinion: '符合备案条件，准予备案' });

  const atStreet = await submitted(staff, filing('仓口社区邻里守望队', '陈志强', 502, '守望相助，共建平安社区', '夜间巡逻、独居老人探访、邻里纠纷劝解', 21));
  await reviewApplication(db, ctx(staff), atStreet, { decision: 'approve', opinion: '社区代为申请，材料已核，同意' });

  await submitted(leader, filing('仓口社区红枫健身操队', '周玉梅', 503, '倡导全民健身，促进邻里和谐', '健身操晨练、社区运动会', 18));
  return true;
}
