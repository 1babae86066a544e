import type { ReactElement } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Result, Tag, Typography } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, ExclamationCircleOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { useT } from '../../i18n.js';
import { Data } from '../../components/Data.js';
import { formatDateTime } from '../../lib/format.js';
import type { AnnualReport, AnnualReportListItem, AnnualReportStatus, Conclusion } from './annual-reports.api.js';
import { annualMessages, useAnnualLabels } from './annual-reports.messages.js';

const STATUS_COLORS: Record<AnnualReportStatus, string> = { draft: 'default', submitted: 'processing', returned: 'warning', concluded: 'success' };

export function ReportStatusTag({ status }: { status: AnnualReportStatus }) {
  const labels = useAnnualLabels();
  return <Tag color={STATUS_COLORS[status]}>{labels.status(status)}</Tag>;
}

// Each conclusion has its own icon and word besides its colour (colour-blind readers).
const CONCLUSION_LOOK: Record<Conclusion, { color: string; icon: ReactElement }> = {
  pass: { color: 'success', icon: <CheckCircleOutlined /> },
  basic_pass: { color: 'gold', icon: <MinusCircleOutlined /> },
  fail: { color: 'error', icon: <CloseCircleOutlined /> },
};

export function ConclusionTag({ conclusion }: { conclusion: Conclusion | null }) {
  const labels = useAnnualLabels();
  if (!conclusion) return null;
  const look = CONCLUSION_LOOK[conclusion];
  return (
    <Tag color={look.color} icon={look.icon} className="ar-conclusion" data-testid="conclusion-tag">
      {labels.conclusion(conclusion)}
    </Tag>
  );
}

const todayInChina = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/** On time or late once submitted; past due while not; the correction window after a return. */
export function DueInfo({ item }: { item: Pick<AnnualReportListItem, 'dueOn' | 'submittedAt' | 'onTime' | 'status' | 'correctionDueOn' | 'lateCorrection'> }) {
  const t = useT(annualMessages);
  const tags = [];
  if (item.onTime === false) tags.push(<Tag key="late" color="error" icon={<ExclamationCircleOutlined />}>{t('ar.late')}</Tag>);
  else if (item.onTime === true) tags.push(<Tag key="ok" icon={<CheckCircleOutlined />}>{t('ar.onTime')}</Tag>);
  else if (item.dueOn < todayInChina()) tags.push(<Tag key="past" color="error" icon={<ExclamationCircleOutlined />}>{t('ar.overdueNow')}</Tag>);
  if (item.status === 'returned' && item.correctionDueOn) tags.push(<Tag key="corr" color="warning" icon={<ClockCircleOutlined />}>{t('ar.correctionDue', { date: item.correctionDueOn })}</Tag>);
  if (item.lateCorrection) tags.push(<Tag key="lc" color="error">{t('ar.lateCorrection')}</Tag>);
  return (
    <span className="ar-due">
      <span className="mono">{item.dueOn}</span> {tags}
    </span>
  );
}

export function ReportNotFound() {
  const t = useT(annualMessages);
  const navigate = useNavigate();
  return (
    <Card>
      <Result status="404" title={t('ar.empty')} extra={<Button type="primary" onClick={() => navigate('/annual-reports')}>{t('page.back')}</Button>} />
    </Card>
  );
}

/** A returned report's reason, who returned it and when, and the last day to resubmit (the correction window). */
export function ReturnedAlert({ report }: { report: AnnualReport }) {
  const t = useT(annualMessages);
  const last = report.status === 'returned' ? [...report.events].reverse().find((e) => e.action === 'return') : undefined;
  if (!last) return null;
  return (
    <Alert
      className="page-alert"
      type="warning"
      showIcon
      title={t('form.returned')}
      description={
        <div>
          <div className="pre-wrap return-opinion" data-value="">{last.opinion}</div>
          <Typography.Text type="secondary">
            <Data>{last.actorName}</Data> · {formatDateTime(last.at, false)}
            {report.correctionDueOn && ` · ${t('form.returnedDue', { date: report.correctionDueOn })}`}
          </Typography.Text>
        </div>
      }
    />
  );
}
