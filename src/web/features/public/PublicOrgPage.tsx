import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Result, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { ApiError, errorMessage } from '../../api/client.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { OrgStatusTag } from '../orgs/org-tags.js';
import { publicOrgQuery } from './public.api.js';
import { publicMessages } from './public.messages.js';
import { CERTIFICATE_NUMBER } from '../../../shared/text-normalize.js';
import { CategoryText, Data } from '../../components/Data.js';
import { usePageTitle } from '../../lib/page-title.js';
import { PublicInspections } from '../annual-reports/PublicInspections.js';
import { PublicCredit, PublicPenalties } from './PublicSupervision.js';

/** `/public/orgs/:id`: what the register shows of one organization (no personal data). */
export default function PublicOrgPage() {
  const { id } = useParams();
  const orgId = Number(id);
  const t = useT(publicMessages);
  const navigate = useNavigate();
  const labels = useEnumLabels();
  const org = useQuery(publicOrgQuery(orgId));
  usePageTitle(org.data?.name);

  const back = (
    <Link to="/public" className="no-print">
      <ArrowLeftOutlined /> {t('public.backToSearch')}
    </Link>
  );

  if (!Number.isInteger(orgId) || orgId <= 0 || org.isError) {
    const gone = !org.isError || (org.error instanceof ApiError && org.error.status === 404);
    return (
      <Card className="public-card">
        <Result
          status={gone ? '404' : 'error'}
          title={gone ? t('public.notFound') : t('common.loadFailed')}
          subTitle={gone ? undefined : errorMessage(org.error)}
          extra={
            <Space>
              {!gone && <Button onClick={() => org.refetch()}>{t('common.retry')}</Button>}
              <Button type="primary" onClick={() => navigate('/public')}>
                {t('public.backToSearch')}
              </Button>
            </Space>
          }
        />
      </Card>
    );
  }
  if (org.isPending) {
    return (
      <Card className="public-card">
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }

  const o = org.data;
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Card className="public-card">
      <div className="public-back">{back}</div>
      <div className="public-org-head">
        <Typography.Title level={3} className="page-title">
          <Data>{o.name}</Data>
        </Typography.Title>
        <OrgStatusTag status={o.status} />
      </div>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}
        items={[
          { key: 'creditCode', label: t('public.creditCode'), children: o.creditCode ? <span className="mono">{o.creditCode}</span> : none },
          // A number the platform issued links to its verification page (issue 22 item 6); one from before the
          // platform has no record there and says so.
          {
            key: 'certificateNo',
            label: t('public.certificateNo'),
            children: !o.certificateNo ? none : CERTIFICATE_NUMBER.test(o.certificateNo) ? (
              <Link to={`/verify/${encodeURIComponent(o.certificateNo)}`} className="mono" data-testid="certificate-link" title={t('public.verifyHint')}>
                {o.certificateNo}
              </Link>
            ) : (
              <>
                <Data>{o.certificateNo}</Data> <Typography.Text type="secondary">{t('public.legacyCertificate')}</Typography.Text>
              </>
            ),
          },
          { key: 'legalForm', label: t('public.formCol'), children: labels.legalForm(o.legalForm) },
          { key: 'category', label: t('public.categoryCol'), children: <CategoryText value={o.category} /> },
          { key: 'place', label: t('public.place'), children: <Data>{o.regionPath}</Data>, span: 'filled' },
          { key: 'status', label: t('public.statusCol'), children: labels.orgStatus(o.status) },
          { key: 'foundedOn', label: t('public.foundedCol'), children: o.foundedOn ? <span className="mono">{o.foundedOn}</span> : none },
          ...(o.formerNames.length > 0
            ? [{ key: 'formerNames', label: t('public.formerNames'), children: <Data>{o.formerNames.join('、')}</Data>, span: 'filled' as const }]
            : []),
          { key: 'purpose', label: t('public.purpose'), children: o.purpose ? <div className="pre-wrap" data-value="">{o.purpose}</div> : none, span: 'filled' },
          {
            key: 'activities',
            label: t('public.activities'),
            children: o.activities ? <div className="pre-wrap" data-value="">{o.activities}</div> : none,
            span: 'filled',
          },
        ]}
      />
      <PublicInspections orgId={o.id} />
      <PublicCredit entries={o.credit} />
      <PublicPenalties penalties={o.penalties} />
    </Card>
  );
}
