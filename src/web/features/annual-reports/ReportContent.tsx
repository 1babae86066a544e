import type { ReactNode } from 'react';
import { Descriptions, Table, Tag, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { Data } from '../../components/Data.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { formatDateTime } from '../../lib/format.js';
import { useIsMobile } from '../../lib/hooks.js';
import { EXPENSE_CATEGORIES_BY_FORM, INCOME_CATEGORIES_BY_FORM, type SectionKey } from '../../../shared/schemas/annual-reports.js';
import { scanUrl, type AnnualReport, type AnnualReportDiff } from './annual-reports.api.js';
import { annualMessages, useAnnualLabels } from './annual-reports.messages.js';
import { sectionsOfReport } from './report-form.js';

/** 1234567 fen → "12,345.67". */
export const yuanOf = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? null : (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The report as filed, section by section (the reviewer's reading and the printed page). */
export function ReportContent({ report }: { report: AnnualReport }) {
  const t = useT(annualMessages);
  const labels = useAnnualLabels();
  const s = sectionsOfReport(report);
  const none = <Typography.Text type="secondary">{t('form.none')}</Typography.Text>;
  const text = (v: string | null | undefined) => (v ? <Data>{v}</Data> : none);
  const num = (v: number | null | undefined, unit?: string) => (v === null || v === undefined ? none : <span className="mono">{v.toLocaleString('zh-CN')}{unit ? ` ${unit}` : ''}</span>);
  const money = (v: number | null | undefined) => (v === null || v === undefined ? none : <span className="mono">{yuanOf(v)} {t('form.yuan')}</span>);
  const block = (k: SectionKey, items: { key: string; label: ReactNode; children: ReactNode; span?: 'filled' }[]) => (
    <div key={k} className="ar-read-section">
      <Typography.Title level={5} className="ar-subtitle" id={`read-${k}`}>
        {labels.section(k)}
      </Typography.Title>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} styles={{ label: { width: 1, whiteSpace: 'nowrap' } }} items={items} />
    </div>
  );
  const has = (k: SectionKey) => report.sectionKeys.includes(k);
  const form = report.legalForm;
  return (
    <div className="ar-read">
      {block('basic', [
        { key: 'name', label: t('f.basic.name'), children: text(s.basic.name), span: 'filled' },
        { key: 'creditCode', label: t('f.basic.creditCode'), children: s.basic.creditCode ? <span className="mono">{s.basic.creditCode}</span> : none },
        { key: 'foundedOn', label: t('f.basic.foundedOn'), children: s.basic.foundedOn ? <span className="mono">{s.basic.foundedOn}</span> : none },
        { key: 'address', label: t('f.basic.address'), children: text(s.basic.address), span: 'filled' },
        { key: 'supervisingUnit', label: t('f.basic.supervisingUnit'), children: text(s.basic.supervisingUnit) },
        { key: 'leaderName', label: t('f.basic.leaderName'), children: text(s.basic.leaderName) },
        { key: 'leaderPhone', label: t('f.basic.leaderPhone'), children: s.basic.leaderPhone ? <span className="mono">{s.basic.leaderPhone}</span> : none },
        { key: 'staffCount', label: t('f.basic.staffCount'), children: num(s.basic.staffCount, t('form.people')) },
        { key: 'venue', label: t('f.basic.venue'), children: text(s.basic.venue), span: 'filled' },
      ])}
      {block('activities', [
        {
          key: 'claimedCount',
          label: t('f.activities.claimedCount'),
          children: (
            <span>
              {num(s.activities.claimedCount, t('form.times'))}{' '}
              <Tag color={s.activities.claimedCount === report.ledgerActivityCount ? undefined : 'warning'}>{t('page.ledgerCount', { n: report.ledgerActivityCount })}</Tag>
            </span>
          ),
        },
        { key: 'participants', label: t('f.activities.participants'), children: num(s.activities.participants) },
        { key: 'volunteerHours', label: t('f.activities.volunteerHours'), children: num(s.activities.volunteerHours, t('form.hours')) },
        { key: 'summary', label: t('f.activities.summary'), children: s.activities.summary ? <div className="pre-wrap" data-value="">{s.activities.summary}</div> : none, span: 'filled' },
      ])}
      {block('finances', [
        ...INCOME_CATEGORIES_BY_FORM[form].map((k) => ({ key: `i-${k}`, label: labels.income(k), children: money(s.finances.income[k]) })),
        { key: 'incomeTotal', label: <strong>{t('f.finances.incomeTotal')}</strong>, children: money(s.finances.incomeTotal) },
        ...EXPENSE_CATEGORIES_BY_FORM[form].map((k) => ({ key: `e-${k}`, label: labels.expense(k), children: money(s.finances.expenses[k]) })),
        { key: 'expenseTotal', label: <strong>{t('f.finances.expenseTotal')}</strong>, children: money(s.finances.expenseTotal) },
        { key: 'assets', label: t('f.finances.assets'), children: money(s.finances.assets) },
        { key: 'liabilities', label: t('f.finances.liabilities'), children: money(s.finances.liabilities) },
        { key: 'netAssets', label: t('f.finances.netAssets'), children: money(s.finances.netAssets) },
      ])}
      {has('members') &&
        s.members &&
        block('members', [
          { key: 'individual', label: t('f.members.individual'), children: num(s.members.individual, t('form.people')) },
          { key: 'unit', label: t('f.members.unit'), children: num(s.members.unit) },
          { key: 'joined', label: t('f.members.joined'), children: num(s.members.joined) },
          { key: 'left', label: t('f.members.left'), children: num(s.members.left) },
        ])}
      {block('governance', [
        {
          key: 'changes',
          label: t('f.governance.leaderChanges'),
          span: 'filled',
          children:
            s.governance.leaderChanges.length === 0 ? (
              t('f.governance.noChanges')
            ) : (
              <ul className="ar-changes">
                {s.governance.leaderChanges.map((c, i) => (
                  <li key={i}>
                    <Data>{c.role}</Data>{t('sep.colon')}{c.formerName ? <Data>{c.formerName}</Data> : '—'} → <Data>{c.newName}</Data>
                    {c.changedOn && <span className="mono"> · {c.changedOn}</span>}
                  </li>
                ))}
              </ul>
            ),
        },
        { key: 'council', label: t('f.governance.councilMeetings'), children: num(s.governance.councilMeetings, t('form.times')) },
        { key: 'assemblies', label: t('f.governance.memberAssemblies'), children: num(s.governance.memberAssemblies, t('form.times')) },
        { key: 'lastElection', label: t('f.governance.lastElectionOn'), children: s.governance.lastElectionOn ? <span className="mono">{s.governance.lastElectionOn}</span> : none },
        { key: 'term', label: t('f.governance.termYears'), children: num(s.governance.termYears, t('form.years')) },
        {
          key: 'election',
          label: t('f.governance.electionHeldThisYear'),
          children: (
            <span>
              {s.governance.electionHeldThisYear === null ? none : t(s.governance.electionHeldThisYear ? 'common.yes' : 'common.no')}{' '}
              {report.electionDue !== null && (
                <Tag color={report.electionDue ? 'warning' : undefined} icon={report.electionDue ? <WarningOutlined /> : undefined}>
                  {t(report.electionDue ? 'page.electionDue' : 'page.electionNotDue')}
                </Tag>
              )}
            </span>
          ),
        },
      ])}
      {block('party', [
        { key: 'form', label: t('f.party.form'), children: s.party.form ? labels.party(s.party.form) : <Tag>{t('note.prefillLater')}</Tag> },
        { key: 'members', label: t('f.party.fullMembers'), children: num(s.party.fullMembers, t('form.people')) },
      ])}
      {block('funding', [
        {
          key: 'items',
          label: t('f.funding.items'),
          span: 'filled',
          children:
            s.funding.items.length === 0 ? (
              <Tag>{t('note.prefillLater')}</Tag>
            ) : (
              <ul className="ar-changes">
                {s.funding.items.map((f, i) => (
                  <li key={i}>
                    <Data>{f.source}</Data>
                    {f.project && <> · <Data>{f.project}</Data></>} · {money(f.amountFen)}
                  </li>
                ))}
              </ul>
            ),
        },
      ])}
      {block('declaration', [
        { key: 'signer', label: t('f.declaration.signerName'), children: text(s.declaration.signerName) },
        { key: 'signedOn', label: t('f.declaration.signedOn'), children: s.declaration.signedOn ? <span className="mono">{s.declaration.signedOn}</span> : none },
        {
          key: 'scan',
          label: t('page.scan'),
          span: 'filled',
          children: report.declarationScan ? (
            <a href={scanUrl(report.id)} target="_blank" rel="noreferrer">
              <Data>{report.declarationScan.filename}</Data> · {formatDateTime(report.declarationScan.uploadedAt, false)}
            </a>
          ) : (
            <span className="ar-warning-text">{t('scan.missing')}</span>
          ),
        },
      ])}
    </div>
  );
}

type DiffEntry = AnnualReportDiff['items'][number];

/** The year-over-year diff: field, last year, this year, the change; a change beyond the district's limit is marked. */
export function DiffTable({ diff }: { diff: AnnualReportDiff }) {
  const t = useT(annualMessages);
  const fieldLabel = useDiffLabel();
  const isMobile = useIsMobile();
  const show = (e: DiffEntry, v: number | null) => (v === null ? '—' : e.unit === 'fen' ? `${yuanOf(v)} ${t('form.yuan')}` : v.toLocaleString('zh-CN'));
  const change = (e: DiffEntry) =>
    e.changePercent === null ? (
      '—'
    ) : (
      <span className={`mono ${e.changePercent > 0 ? 'ar-change-up' : e.changePercent < 0 ? 'ar-change-down' : ''}`}>
        {e.changePercent > 0 ? '+' : ''}
        {e.changePercent}%{e.large && <Tag color="warning" icon={<WarningOutlined />} className="ar-large-tag">{t('page.diffLarge')}</Tag>}
      </span>
    );
  if (diff.lastYearReportId === null && diff.items.every((i) => i.lastYear === null)) return <Typography.Text type="secondary">{t('page.diffNone')}</Typography.Text>;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('page.diffLimit', { limit: diff.largeChangePercent })}</Typography.Paragraph>
      <Table<DiffEntry>
        rowKey="field"
        size="small"
        pagination={false}
        dataSource={diff.items}
        scroll={{ x: true }}
        rowClassName={(e) => (e.large ? 'ar-diff-large' : '')}
        data-testid="diff-table"
        columns={isMobile ? [
          {
            title: t('page.diffField'),
            key: 'all',
            render: (_: unknown, e) => (
              <div className="ar-diff-phone">
                <div>{fieldLabel(e)}</div>
                <div className="mono">
                  {show(e, e.lastYear)} → {show(e, e.thisYear)}
                </div>
                <div>{change(e)}</div>
              </div>
            ),
          },
        ] : [
          { title: t('page.diffField'), dataIndex: 'field', render: (_: string, e) => fieldLabel(e) },
          { title: t('page.diffLast'), key: 'last', align: 'right', render: (_: unknown, e) => <span className="mono">{show(e, e.lastYear)}</span> },
          { title: t('page.diffThis'), key: 'this', align: 'right', render: (_: unknown, e) => <span className="mono">{show(e, e.thisYear)}</span> },
          {
            title: t('page.diffChange'),
            key: 'change',
            align: 'right',
            render: (_: unknown, e) => change(e),
          },
        ]}
      />
    </>
  );
}

/** A diff row's name in the page's language when the web knows the field, else the server's label. */
function useDiffLabel() {
  const t = useT(annualMessages);
  const labels = useAnnualLabels();
  useEnumLabels();
  return (e: DiffEntry): ReactNode => {
    const [section, a, b] = e.field.split('.');
    if (section === 'finances' && a === 'income' && b) return labels.income(b as 'donations');
    if (section === 'finances' && a === 'expenses' && b) return labels.expense(b as 'admin');
    const key = `f.${e.field}` as keyof (typeof annualMessages)['zh_CN'];
    return key in annualMessages.zh_CN ? t(key) : <Data>{e.label}</Data>;
  };
}
