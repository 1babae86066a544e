import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Result, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { ApiError, errorMessage } from '../../api/client.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { OrgStatusTag } from '../orgs/org-tags.js';
import { publicOrgQuery } from './public.api.js';
import { publicMessages } from './public.messages.js';

/** `/public/orgs/:id`: what the register shows of one organization (no personal data). */
export default function PublicOrgPage() {
  const { id } = useParams();
  const orgId = Number(id);
  const t = useT(publicMessages);
  const navigate = useNavigate();
  const labels = useEnumLabels();
  const org = useQuery(publicOrgQuery(orgId));

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
          {o.name}
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
          { key: 'certificateNo', label: t('public.certificateNo'), children: o.certificateNo ?? none },
          { key: 'legalForm', label: t('public.formCol'), children: labels.legalForm(o.legalForm) },
          { key: 'category', label: t('public.categoryCol'), children: o.category },
          { key: 'place', label: t('public.place'), children: o.regionPath, span: 'filled' },
          { key: 'status', label: t('public.statusCol'), children: labels.orgStatus(o.status) },
          { key: 'foundedOn', label: t('public.foundedCol'), children: o.foundedOn ? <span className="mono">{o.foundedOn}</span> : none },
          ...(o.formerNames.length > 0
            ? [{ key: 'formerNames', label: t('public.formerNames'), children: o.formerNames.join('、'), span: 'filled' as const }]
            : []),
          { key: 'purpose', label: t('public.purpose'), children: o.purpose ? <div className="pre-wrap">{o.purpose}</div> : none, span: 'filled' },
          {
            key: 'activities',
            label: t('public.activities'),
            children: o.activities ? <div className="pre-wrap">{o.activities}</div> : none,
            span: 'filled',
          },
        ]}
      />
    </Card>
  );
}
