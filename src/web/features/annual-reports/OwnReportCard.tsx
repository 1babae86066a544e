import { useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Skeleton, Space, Typography } from 'antd';
import { EditOutlined, FileAddOutlined, FileSearchOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client.js';
import { ServerText } from '../../components/Data.js';
import { useCan } from '../../auth/session.js';
import { useT } from '../../i18n.js';
import { obligationQuery, reportQuery, useCreateReport } from './annual-reports.api.js';
import { annualMessages } from './annual-reports.messages.js';
import { ConclusionTag, ReportStatusTag } from './report-tags.js';

/**
 * What an organization owes for a year and the way to it: due by a date (file it, go on with the draft, or open it),
 * or exempt with the rule that exempts it. On the queue for a leader and on the organization's tab for staff.
 */
export function OwnReportCard({ orgId, year }: { orgId: number | null; year: number }) {
  const t = useT(annualMessages);
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const ob = useQuery(obligationQuery(orgId, year));
  const report = useQuery(reportQuery(ob.data?.reportId ?? 0));
  const create = useCreateReport();
  if (orgId === null) return <Alert className="ar-own" type="info" showIcon title={t('own.noOrg')} />;
  if (ob.isPending) return <Skeleton active paragraph={{ rows: 2 }} className="ar-own" />;
  if (ob.isError) return <Alert className="ar-own" type="error" showIcon title={errorMessage(ob.error)} />;
  const o = ob.data;
  const r = report.data;
  const file = () =>
    create.mutate(
      { orgId, year },
      {
        onSuccess: (created) => {
          void message.success(t('own.created', { year }));
          navigate(`/annual-reports/${created.id}/edit`);
        },
        onError: (err) => void message.error(errorMessage(err)),
      },
    );
  return (
    <Card size="small" className="ar-own" title={t('own.title', { year })} data-testid="own-report">
      {o.exemption ? (
        <Alert
          type="success"
          showIcon
          title={t('own.exempt')}
          description={
            <ServerText>
              {o.exemption.reason}（{o.exemption.source}）
            </ServerText>
          }
        />
      ) : (
        <Space wrap align="center">
          {o.dueOn && <Typography.Text>{t('own.due', { date: o.dueOn })}</Typography.Text>}
          {r && <ReportStatusTag status={r.status} />}
          {r && <ConclusionTag conclusion={r.conclusion} />}
          {!o.reportId && o.due && can('annual_report.file') && (
            <Button type="primary" icon={<FileAddOutlined />} onClick={file} loading={create.isPending} data-testid="file-report">
              {t('own.file', { year })}
            </Button>
          )}
          {r?.can.edit && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/annual-reports/${r.id}/edit`)}>
              {t('own.continue')}
            </Button>
          )}
          {o.reportId && (
            <Button icon={<FileSearchOutlined />} onClick={() => navigate(`/annual-reports/${o.reportId}`)}>
              {t('own.open', { year })}
            </Button>
          )}
        </Space>
      )}
    </Card>
  );
}
