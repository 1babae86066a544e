import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Row, Skeleton, Space, Typography } from 'antd';
import { EditOutlined, FilePdfOutlined, PrinterOutlined, UndoOutlined } from '@ant-design/icons';
import { Data, ServerText } from '../../components/Data.js';
import { LoadError } from '../../components/LoadError.js';
import { ReasonModal } from '../../components/ReasonModal.js';
import { RecordHead } from '../../components/RecordHead.js';
import { isRecordId, RecordLoader } from '../../components/RecordLoader.js';
import { useCan } from '../../auth/session.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { formatDateTime } from '../../lib/format.js';
import { useIsMobile } from '../../lib/hooks.js';
import { usePageTitle } from '../../lib/page-title.js';
import { diffQuery, printPdfUrl, reportQuery, useWithdrawReport, type AnnualReport } from './annual-reports.api.js';
import { annualMessages, useAnnualLabels } from './annual-reports.messages.js';
import { ChecksSummary, shownOfServer } from './CheckNotes.js';
import { DiffTable, ReportContent } from './ReportContent.js';
import { ReportReviewPanel } from './ReportReviewPanel.js';
import { ConclusionTag, DueInfo, ReportNotFound, ReportStatusTag, ReturnedAlert } from './report-tags.js';
import './annual-reports.css';

/** `/annual-reports/:id`: the report as filed, the checks, the year-over-year diff, the decision and the trail. */
export default function ReportPage() {
  const { id } = useParams();
  const reportId = Number(id);
  const q = useQuery(reportQuery(reportId));
  return (
    <RecordLoader query={q} validId={isRecordId(reportId)} skeletonRows={14} notFound={<ReportNotFound />}>
      {(report) => <Report report={report} />}
    </RecordLoader>
  );
}

const ACTIONS = ['submit', 'resubmit', 'approve', 'return', 'reject', 'withdraw', 'conclude', 'create', 'save'] as const;

function Trail({ report }: { report: AnnualReport }) {
  const t = useT(annualMessages);
  const labels = useEnumLabels();
  if (report.events.length === 0) return <Typography.Text type="secondary">{t('page.trailNone')}</Typography.Text>;
  return (
    <ol className="ar-trail" data-testid="trail">
      {report.events.map((e) => (
        <li key={e.id}>
          <div>
            <strong>{(ACTIONS as readonly string[]).includes(e.action) ? t(`action.${e.action as (typeof ACTIONS)[number]}`) : <ServerText>{e.action}</ServerText>}</strong>
            {e.step && <Typography.Text type="secondary"> · {labels.reviewStep(e.step)}</Typography.Text>}
          </div>
          <Typography.Text type="secondary">
            <Data>{e.actorName}</Data> · {formatDateTime(e.at, false)}
          </Typography.Text>
          {e.opinion && <div className="trail-opinion pre-wrap" data-value="">{e.opinion}</div>}
        </li>
      ))}
    </ol>
  );
}

function Report({ report }: { report: AnnualReport }) {
  const t = useT(annualMessages);
  const labels = useAnnualLabels();
  const can = useCan();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { message } = App.useApp();
  usePageTitle(`${report.year} · ${report.org.name}`);
  const diff = useQuery(diffQuery(report.id));
  const withdraw = useWithdrawReport(report.id);
  const [withdrawOpen, setWithdrawOpen] = useState(false);
  // A large change from last year is marked in the diff below; the checks' list only counts them.
  const checks = report.checks.filter((c) => c.code !== 'large_change').map(shownOfServer);
  const largeChanges = report.checks.length - checks.length;

  const doWithdraw = async (reason: string | undefined) => {
    await withdraw.mutateAsync(reason);
    setWithdrawOpen(false);
    void message.success(t('page.withdrawn'));
  };

  const actions = (
    <Space wrap className="no-print">
      <Button icon={<FilePdfOutlined />} href={printPdfUrl(report.id)} target="_blank" rel="noreferrer" data-testid="print-pdf">
        {t(report.legalForm === 'filed' ? 'page.printReport' : 'page.print')}
      </Button>
      <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
        {t('page.printView')}
      </Button>
      {report.can.edit && (
        <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/annual-reports/${report.id}/edit`)} data-testid="edit-report">
          {t('page.edit')}
        </Button>
      )}
      {report.can.withdraw && (
        <Button danger icon={<UndoOutlined />} onClick={() => setWithdrawOpen(true)}>
          {t('page.withdraw')}
        </Button>
      )}
    </Space>
  );

  return (
    <div className="ar-page">
      <RecordHead
        backTo="/annual-reports"
        backLabel={t('page.back')}
        title={
          <>
            {t('form.title', { year: report.year })}
            <Data>{report.org.name}</Data>
          </>
        }
        tags={
          <>
            <ReportStatusTag status={report.status} />
            <ConclusionTag conclusion={report.conclusion} />
          </>
        }
        actions={actions}
      >
        <Typography.Text type="secondary" className="org-record-sub">
          <span className="mono">{t('page.no', { id: report.id })}</span> · {labels.kind(report.legalForm)} · <Data>{report.regionPath}</Data>
          {can('org.read') && (
            <>
              {' · '}
              <Link to={`/orgs/${report.org.id}?tab=annual`}>
                <Data>{report.org.name}</Data>
              </Link>
            </>
          )}
        </Typography.Text>
        <Typography.Text type="secondary" className="org-record-sub">
          <DueInfo item={report} />
          {report.submittedAt && ` · ${t('page.submittedAt')} ${formatDateTime(report.submittedAt, false)}`}
          {report.concludedAt && ` · ${t('page.concludedAt')} ${formatDateTime(report.concludedAt, false)}`}
        </Typography.Text>
      </RecordHead>
      <ReturnedAlert report={report} />
      {report.conclusion && (
        <Alert
          className="page-alert"
          type={report.conclusion === 'pass' ? 'success' : report.conclusion === 'basic_pass' ? 'warning' : 'error'}
          showIcon
          title={t('page.conclusionIs', { c: labels.conclusion(report.conclusion) })}
          description={
            <div>
              {report.opinion && <div className="pre-wrap" data-value="">{report.opinion}</div>}
              {report.concludedBy && (
                <Typography.Text type="secondary">
                  <Data>{report.concludedBy.displayName}</Data> · {formatDateTime(report.concludedAt, false)}
                </Typography.Text>
              )}
            </div>
          }
        />
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('page.checks', { n: checks.length })} className="app-section">
            <ChecksSummary checks={checks} okText={t('page.checksNone')} />
            {largeChanges > 0 && <Typography.Paragraph className="ar-large-note">{t('page.largeChanges', { n: largeChanges })}</Typography.Paragraph>}
          </Card>
          <Card size="small" title={t('page.diff')} className="app-section">
            {diff.isPending ? <Skeleton active paragraph={{ rows: 4 }} /> : diff.isError ? <LoadError error={diff.error} onRetry={() => diff.refetch()} /> : <DiffTable diff={diff.data} />}
          </Card>
          {/* On a phone the decision comes right after the checks and the diff, before the long report. */}
          {isMobile && report.can.review && <ReportReviewPanel report={report} />}
          <Card size="small" title={t('page.content')} className="app-section">
            <ReportContent report={report} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          {!isMobile && report.can.review && <ReportReviewPanel report={report} />}
          <Card size="small" title={t('page.trail')} className="app-section">
            <Trail report={report} />
          </Card>
        </Col>
      </Row>
      <ReasonModal
        open={withdrawOpen}
        formName="arWithdraw"
        title={t('page.withdrawTitle')}
        hint={t('page.withdrawHint')}
        label={t('page.withdrawReason')}
        okText={t('page.withdraw')}
        cancelText={t('common.cancel')}
        loading={withdraw.isPending}
        onCancel={() => setWithdrawOpen(false)}
        onConfirm={doWithdraw}
      />
    </div>
  );
}
