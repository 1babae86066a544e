import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Empty, Table, Tag } from 'antd';
import { useCan } from '../../auth/session.js';
import { LoadError } from '../../components/LoadError.js';
import { useT } from '../../i18n.js';
import { formatDate } from '../../lib/format.js';
import { currentReportYear, reportsQuery, type AnnualReportListItem } from './annual-reports.api.js';
import { annualMessages } from './annual-reports.messages.js';
import { OwnReportCard } from './OwnReportCard.js';
import { ConclusionTag, DueInfo, ReportStatusTag } from './report-tags.js';
import './annual-reports.css';

/** The organization record's 年度报告 tab: this year's obligation (and filing it), then every year's report. */
export function OrgAnnualReports({ orgId }: { orgId: number }) {
  const t = useT(annualMessages);
  const can = useCan();
  const list = useQuery(reportsQuery({ org: orgId, page: 1, pageSize: 50 }));
  return (
    <div data-testid="org-annual-reports">
      {can('annual_report.file') && <OwnReportCard orgId={orgId} year={currentReportYear()} />}
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<AnnualReportListItem>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: list.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.none')} /> }}
          columns={[
            { title: t('ar.col.year'), dataIndex: 'year', render: (y: number, r) => <Link to={`/annual-reports/${r.id}`}>{t('org.obligation', { year: y })}</Link> },
            { title: t('ar.col.kind'), key: 'kind', render: (_: unknown, r) => <Tag variant="outlined">{t(r.legalForm === 'filed' ? 'ar.kind.report' : 'ar.kind.inspection')}</Tag> },
            { title: t('ar.col.status'), key: 'status', render: (_: unknown, r) => <ReportStatusTag status={r.status} /> },
            { title: t('ar.col.due'), key: 'due', render: (_: unknown, r) => <DueInfo item={r} /> },
            { title: t('ar.col.submitted'), dataIndex: 'submittedAt', render: (v: string | null) => <span className="mono">{v ? formatDate(v) : '—'}</span> },
            { title: t('ar.col.conclusion'), key: 'conclusion', render: (_: unknown, r) => <ConclusionTag conclusion={r.conclusion} /> },
          ]}
        />
      )}
    </div>
  );
}

export default OrgAnnualReports;
