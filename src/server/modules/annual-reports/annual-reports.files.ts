import type { Kysely } from 'kysely';
import { ledgerTotals } from './annual-reports.ledger.js';
import type { DB, Db } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { openBytes, sealBytes } from '../../lib/personal-data.js';
import { sniffType, type UploadedFile } from '../../lib/uploads.js';
import { fenToYuanText } from '../../../shared/schemas/money.js';
import {
  ANNUAL_REPORT_STATUS_LABELS,
  CONCLUSION_LABELS,
  DECLARATION_SCAN_MAX_BYTES,
  DECLARATION_SCAN_TYPES,
  EXPENSE_CATEGORIES_BY_FORM,
  EXPENSE_CATEGORY_LABELS,
  INCOME_CATEGORIES_BY_FORM,
  INCOME_CATEGORY_LABELS,
  PARTY_FORM_LABELS,
  REPORT_KIND_LABELS,
  SECTION_LABELS,
  type AnnualReport,
  type AnnualReportSections,
  type PublicAnnualReportList,
  type ReportingForm,
} from '../../../shared/schemas/annual-reports.js';
import { SOURCES } from './annual-reports.policy.js';
import * as repo from './annual-reports.repository.js';
import { editable, ENTITY, getReport, loadReport } from './annual-reports.service.js';
import { readableSections } from './annual-reports.mapping.js';
import { placesOf } from '../orgs/index.js';

/**
 * The signed declaration page (声明签章页): PDF, JPEG or PNG recognized by content, at most 10 MB, replacing any
 * earlier scan. It bears signatures and a seal, not ID numbers; it is stored sealed all the same (sealBytes), as
 * every upload is, since a handwritten signature is personal information (PIPL art. 4).
 */
export async function uploadScan(db: Kysely<DB>, ctx: RequestContext, id: number, file: UploadedFile): Promise<AnnualReport> {
  const { report } = await loadReport(db, ctx, id, 'annual_report.file');
  if (!editable(report)) throw errors.conflict('annual_report.not_editable', '年报已提交审核或已出结论，不能再上传声明签章页');
  if (file.truncated || file.buffer.length > DECLARATION_SCAN_MAX_BYTES) throw errors.validation({ file: '扫描件不能超过 10 MB' });
  if (file.buffer.length === 0) throw errors.validation({ file: '文件是空的' });
  const mime = sniffType(file.buffer, file.filename);
  if (!mime || !(DECLARATION_SCAN_TYPES as readonly string[]).includes(mime)) throw errors.validation({ file: '声明签章页只接受 PDF、JPG 或 PNG 扫描件（按文件内容识别）' });
  const filename = file.filename.replace(/[\\/\r\n"]/g, '_').slice(0, 120) || 'declaration';
  await db.transaction().execute(async (trx) => {
    const saved = await repo.updateReport(trx, id, report.version, {
      scan_filename: filename, scan_mime_type: mime, scan_size_bytes: file.buffer.length, scan_content: sealBytes(file.buffer), scan_uploaded_at: new Date(), scan_uploaded_by: ctx.actor!.id,
    });
    if (!saved) throw errors.conflict('annual_report.version_conflict', '年报已被他人修改，请刷新后重试');
    await writeAudit(trx, ctx, { action: 'annual_report.scan.upload', entityType: ENTITY, entityId: id, newValue: { filename, mimeType: mime, size: file.buffer.length, replaced: report.scan_filename } });
  });
  return getReport(db, ctx, id);
}

export async function downloadScan(db: Db, ctx: RequestContext, id: number) {
  await loadReport(db, ctx, id, 'annual_report.read');
  const row = await repo.findScan(db, id);
  if (!row?.scan_content) throw errors.notFound('annual_report_scan');
  return { filename: row.scan_filename!, mimeType: row.scan_mime_type!, content: openBytes(row.scan_content) };
}

const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '' : `${fenToYuanText(fen)} 元`);
const num = (n: number | null | undefined, unit = '') => (n === null || n === undefined ? '' : `${n}${unit}`);
const yes = (b: boolean | null | undefined) => (b === null || b === undefined ? '' : b ? '是' : '否');

/** The sections as the paper form's tables: one row per field, in the form's order. */
export function printSections(form: ReportingForm, s: AnnualReportSections, ledgerCount: number): { title: string; rows: [string, string][] }[] {
  const out: { title: string; rows: [string, string][] }[] = [];
  const b = s.basic;
  out.push({ title: `一、${SECTION_LABELS.basic}`, rows: [['组织名称', b.name ?? ''], ['统一社会信用代码', b.creditCode ?? ''], ['住所', b.address ?? ''], ['业务主管（指导）单位', b.supervisingUnit ?? ''], ['负责人（法定代表人）', b.leaderName ?? ''], ['联系电话', b.leaderPhone ?? ''], ['成立日期', b.foundedOn ?? ''], ['专职工作人员', num(b.staffCount, ' 人')], ['活动场所', b.venue ?? '']] });
  const a = s.activities;
  out.push({ title: `二、${SECTION_LABELS.activities}`, rows: [['全年开展活动', num(a.claimedCount, ' 次')], ['活动台账记录', `${ledgerCount} 次`], ['参与人次', num(a.participants)], ['志愿服务时长', num(a.volunteerHours, ' 小时')], ['情况概述', a.summary ?? '']] });
  const f = s.finances;
  out.push({
    title: `三、${SECTION_LABELS.finances}`,
    rows: [
      ...INCOME_CATEGORIES_BY_FORM[form].map((k): [string, string] => [INCOME_CATEGORY_LABELS[k], yuan(f.income[k])]),
      ['本年收入合计', yuan(f.incomeTotal)],
      ...EXPENSE_CATEGORIES_BY_FORM[form].map((k): [string, string] => [EXPENSE_CATEGORY_LABELS[k], yuan(f.expenses[k])]),
      ['本年费用合计', yuan(f.expenseTotal)], ['资产总计', yuan(f.assets)], ['负债合计', yuan(f.liabilities)], ['净资产合计', yuan(f.netAssets)],
    ],
  });
  let n = 4;
  const numeral = () => ['', '一', '二', '三', '四', '五', '六', '七', '八'][n++];
  if (s.members) out.push({ title: `${numeral()}、${SECTION_LABELS.members}`, rows: [['个人会员（成员）', num(s.members.individual, ' 人')], ['单位会员', num(s.members.unit, ' 个')], ['本年新增', num(s.members.joined)], ['本年减少', num(s.members.left)]] });
  const g = s.governance;
  out.push({
    title: `${numeral()}、${SECTION_LABELS.governance}`,
    rows: [
      ['理事会召开次数', num(g.councilMeetings, ' 次')], ['会员（代表）大会次数', num(g.memberAssemblies, ' 次')], ['上次换届日期', g.lastElectionOn ?? ''], ['届期', num(g.termYears, ' 年')], ['本年是否换届', yes(g.electionHeldThisYear)],
      ...g.leaderChanges.map((c, i): [string, string] => [`变动 ${i + 1}`, `${c.role}：${c.formerName ?? '—'} → ${c.newName}${c.changedOn ? `（${c.changedOn}）` : ''}`]),
    ],
  });
  out.push({ title: `${numeral()}、${SECTION_LABELS.party}`, rows: [['党组织建设情况', s.party.form ? PARTY_FORM_LABELS[s.party.form] : ''], ['正式党员人数', num(s.party.fullMembers, ' 人')], ['说明', s.party.note ?? '']] });
  out.push({ title: `${numeral()}、${SECTION_LABELS.funding}`, rows: s.funding.items.length ? s.funding.items.map((x): [string, string] => [x.source, `${x.project ?? ''} ${yuan(x.amountFen)}`.trim()]) : [['接受资助', '无']] });
  return out;
}

const DECLARATION_TEXT =
  '本组织承诺：本报告书所填内容及所附材料真实、准确、完整，不存在虚假记载、误导性陈述或重大遗漏；本组织自愿接受登记管理机关（备案机关）的监督检查，并对所填报内容的真实性承担法律责任。';

export async function printReport(db: Db, ctx: RequestContext, id: number): Promise<{ filename: string; content: Buffer }> {
  const { report, org } = await loadReport(db, ctx, id, 'annual_report.read');
  const { renderReportPdf } = await import('./annual-reports.pdf.js');
  const s = readableSections(report.legal_form, report.sections);
  const [{ regionPath }] = [(await placesOf(db, [report]))(report)];
  const ledger = await ledgerTotals(db, Number(report.org_id), report.year);
  const content = await renderReportPdf({
    title: REPORT_KIND_LABELS[report.legal_form],
    orgName: org.name,
    creditCode: org.credit_code,
    year: report.year,
    regionPath,
    statusNote: ANNUAL_REPORT_STATUS_LABELS[report.status] + (report.conclusion ? `（${CONCLUSION_LABELS[report.conclusion]}）` : ''),
    sections: printSections(report.legal_form, s, ledger.count),
    declaration: { text: DECLARATION_TEXT, signerName: s.declaration.signerName, signedOn: s.declaration.signedOn },
    conclusion: report.conclusion ? { label: CONCLUSION_LABELS[report.conclusion], opinion: report.opinion, concludedOn: report.concluded_on } : null,
  });
  return { filename: `${org.name}-${report.year}年度报告.pdf`, content };
}

/**
 * The public register's record of each year's conclusion (issue 13 item 7: the public register shows each year's
 * inspection conclusion). Only concluded years; no opinion (it may name people), no figures.
 */
export async function publicConclusions(db: Db, orgId: number): Promise<PublicAnnualReportList> {
  const rows = await repo.findConclusions(db, orgId);
  return {
    items: rows.map((r) => ({
      year: r.year,
      kind: r.legal_form === 'filed' ? ('report' as const) : ('inspection' as const),
      conclusion: r.conclusion!,
      conclusionLabel: CONCLUSION_LABELS[r.conclusion!],
      concludedAt: new Date(r.concluded_at!).toISOString(),
    })),
  };
}

export { SOURCES };
