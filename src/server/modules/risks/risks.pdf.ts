import { chineseDate, chinesePdf } from '../../lib/pdf.js';
import { errors } from '../../lib/errors.js';
import type { Db } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { RISK_KIND_LABELS } from '../../../shared/schemas/risks.js';
import * as repo from './risks.repository.js';
import { loadItemFor } from './risks.service.js';

/**
 * The two letters of the interview (民发〔2016〕39号): the 约谈通知书 (reason, time, place, who is to attend; a
 * 负责人 who cannot attend says so in writing) and the 整改通知书 (the items and the deadline). A4, as offices
 * print, sign and seal them.
 */
const MARGIN = 64;
const BASIS = '依据《社会组织登记管理机关行政执法约谈工作规定（试行）》（民发〔2016〕39号）';

export type RiskLetter = 'interview-notice' | 'rectification-notice';

export async function printRiskLetter(db: Db, ctx: RequestContext, id: number, letter: RiskLetter): Promise<{ filename: string; content: Buffer }> {
  const row = await loadItemFor(db, ctx, id, 'risk.read');
  const steps = await repo.findSteps(db, id);
  const step = [...steps].reverse().find((s) => s.step === (letter === 'interview-notice' ? 'interview_notice' : 'interview_record'));
  if (!step) throw errors.conflict('risk.no_letter', letter === 'interview-notice' ? '该风险尚未发出约谈通知' : '该风险尚未下达整改通知');
  const d = step.data as Record<string, string>;
  const { doc, done } = chinesePdf({ size: 'A4', margin: MARGIN, info: { Title: `${row.org_name} ${letter === 'interview-notice' ? '约谈通知书' : '整改通知书'}` } });
  const width = doc.page.width - MARGIN * 2;
  const title = letter === 'interview-notice' ? '约 谈 通 知 书' : '整 改 通 知 书';
  doc.font('bold').fontSize(22).text(title, MARGIN, 90, { width, align: 'center' });
  doc.font('regular').fontSize(11).text(`编号：风险〔${row.opened_on.slice(0, 4)}〕${String(row.id).padStart(5, '0')}号`, MARGIN, 130, { width, align: 'right' });
  doc.font('regular').fontSize(13).text(`${row.org_name}：`, MARGIN, 170, { width });
  doc.moveDown(0.6);
  const para = (text: string) => doc.font('regular').fontSize(13).text(text, { width, indent: 26, lineGap: 6, paragraphGap: 8 });
  if (letter === 'interview-notice') {
    para(`经核查，你单位存在以下情况：${RISK_KIND_LABELS[row.kind]}。${row.evidence}`);
    para(`${BASIS}，请你单位下列人员按时参加约谈：`);
    const rows: [string, string][] = [
      ['约谈事由', d.reason ?? ''],
      ['约谈时间', `${chineseDate(d.date ?? row.opened_on)} ${d.time ?? ''}`],
      ['约谈地点', d.place ?? ''],
      ['参加人员', d.attendees ?? ''],
    ];
    for (const [k, v] of rows) {
      doc.font('bold').fontSize(13).text(`${k}：`, MARGIN + 26, doc.y, { continued: true }).font('regular').text(v, { width: width - 26 });
      doc.moveDown(0.3);
    }
    para('负责人因故不能参加约谈的，应当提前书面说明理由，并委托其他负责人参加。请携带本通知书及相关材料。');
  } else {
    para(`${chineseDate(d.heldOn ?? row.opened_on)}，本机关就“${RISK_KIND_LABELS[row.kind]}”对你单位进行了约谈。${BASIS}，现责令你单位对下列事项限期整改：`);
    para(d.rectifyItems ?? '');
    para(`请于 ${chineseDate(d.rectifyDueOn ?? row.rectify_due_on ?? row.due_on)} 前完成整改，并向本机关提交书面整改报告。逾期未完成整改的，依据《社会组织信用信息管理办法》（民政部令第60号）第十条第（三）项，将你单位列入活动异常名录。`);
  }
  doc.moveDown(3);
  doc.font('regular').fontSize(13).text(`${row.owner_name}（盖章）`, MARGIN, doc.y, { width, align: 'right' });
  doc.moveDown(0.5);
  doc.text(chineseDate(step.on_day), { width, align: 'right' });
  doc.moveDown(3);
  doc.fontSize(11).text('签收人：____________        签收日期：______年____月____日', MARGIN, doc.y, { width });
  doc.end();
  return { filename: `${row.org_name}-${letter === 'interview-notice' ? '约谈通知书' : '整改通知书'}.pdf`, content: await done };
}
