import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Result, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useCan } from '../../auth/session.js';
import { Data, ServerText } from '../../components/Data.js';
import { ReasonModal } from '../../components/ReasonModal.js';
import { isRecordId, RecordLoader } from '../../components/RecordLoader.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { errorMessage } from '../../api/client.js';
import { formatCount } from '../../lib/format.js';
import { useIsMobile } from '../../lib/hooks.js';
import { usePageTitle } from '../../lib/page-title.js';
import type { LegalForm } from '../../../shared/enums.js';
import { noticeUrl, planQuery, useItemStep, usePlanStep, type InspectionItem, type PlanDetail } from './inspections.api.js';
import { inspectionsMessages } from './inspections.messages.js';
import { PlanStatusTag } from './PlansPage.js';
import './inspections.css';

/** `/inspections/:id`: a plan, its frozen population by stratum, its seed, the draw and each check's state. */
export default function PlanPage() {
  const t = useT(inspectionsMessages);
  const id = Number(useParams().id);
  const q = useQuery(planQuery(id));
  return (
    <RecordLoader query={q} validId={isRecordId(id)} skeletonRows={10} notFound={<Card><Result status="404" title={t('pub.notFound')} /></Card>}>
      {(plan) => <Plan plan={plan} />}
    </RecordLoader>
  );
}

export function InspectorTags({ item }: { item: InspectionItem }) {
  const t = useT(inspectionsMessages);
  const active = item.inspectors.filter((x) => x.status === 'active').length;
  return (
    <div className="insp-inspectors">
      {item.inspectors.map((x) => (
        <Tooltip key={x.userId} title={x.reason ? <ServerText>{x.reason}</ServerText> : undefined}>
          <Tag color={x.status === 'active' ? 'blue' : 'default'}>
            <Data>{x.name}</Data> · {t(`inspector.${x.status}`)}
          </Tag>
        </Tooltip>
      ))}
      {active < item.minInspectors && <Tag color="red">{t('inspector.short', { n: item.minInspectors })}</Tag>}
    </div>
  );
}

export function ItemState({ item }: { item: InspectionItem }) {
  const t = useT(inspectionsMessages);
  if (!item.result) return <Tag>{t('item.pending')}</Tag>;
  return (
    <Space direction="vertical" size={0}>
      <Tag color={item.result === 'problems' ? 'orange' : 'green'}>{t(`check.result.${item.result}`)}</Tag>
      {item.rectifyBy && !item.rectifiedOn && <Typography.Text type="secondary">{t('item.rectifyBy', { date: item.rectifyBy })}</Typography.Text>}
      {item.rectifiedOn && <Typography.Text type="secondary">{t('item.rectifiedOn', { date: item.rectifiedOn })}</Typography.Text>}
      <Typography.Text type="secondary">{item.publishedOn ? t('item.publishedOn', { date: item.publishedOn }) : t('item.publishBy', { date: item.publishBy! })}</Typography.Text>
    </Space>
  );
}

function ItemActions({ item }: { item: InspectionItem }) {
  const t = useT(inspectionsMessages);
  const can = useCan();
  const { modal, message } = App.useApp();
  const publish = useItemStep(item.id, 'publish');
  const verify = useItemStep(item.id, 'rectification');
  const [verifying, setVerifying] = useState(false);
  return (
    <div className="insp-actions">
      <Button size="small" icon={<FilePdfOutlined />} href={noticeUrl(item.id)} target="_blank">{t('item.notice')}</Button>
      {item.mine && <Link to={`/inspections/items/${item.id}`}>{t('item.open')}</Link>}
      {can('inspection.plan') && item.result && !item.publishedOn && (
        <Button size="small" loading={publish.isPending} onClick={() => modal.confirm({ title: t('item.publish'), content: t('item.publishConfirm'), onOk: () => publish.mutateAsync({ version: item.version }).catch((e: unknown) => void message.error(errorMessage(e))) })}>
          {t('item.publish')}
        </Button>
      )}
      {can('inspection.plan') && item.result === 'problems' && !item.rectifiedOn && (
        <Button size="small" onClick={() => setVerifying(true)}>{t('item.verify')}</Button>
      )}
      <ReasonModal
        open={verifying}
        formName={`verify-${item.id}`}
        title={t('item.verifyTitle')}
        hint={t('item.verifyHint')}
        label={t('item.verifyLabel')}
        okText={t('item.verify')}
        cancelText={t('form.cancel')}
        loading={verify.isPending}
        onCancel={() => setVerifying(false)}
        onConfirm={async (note) => {
          await verify.mutateAsync({ version: item.version, note });
          setVerifying(false);
        }}
      />
    </div>
  );
}

function Plan({ plan }: { plan: PlanDetail }) {
  const t = useT(inspectionsMessages);
  usePageTitle(plan.title);
  const can = useCan();
  const labels = useEnumLabels();
  const isMobile = useIsMobile();
  const { modal, message } = App.useApp();
  const publish = usePlanStep(plan.id, 'publish');
  const draw = usePlanStep(plan.id, 'draw');
  const step = (which: 'publish' | 'draw') =>
    modal.confirm({
      title: t(which === 'publish' ? 'plan.publish' : 'plan.draw'),
      content: t(which === 'publish' ? 'plan.publishConfirm' : 'plan.drawConfirm'),
      onOk: () => (which === 'publish' ? publish : draw).mutateAsync(plan.version).then(() => void message.success(t(which === 'publish' ? 'plan.published' : 'plan.drawn')), (e: unknown) => void message.error(errorMessage(e))),
    });
  const strataColumns: TableColumnsType<PlanDetail['strata'][number]> = [
    { title: t('plan.col.street'), key: 'street', render: (_: unknown, s) => <Data>{s.streetName}</Data> },
    { title: t('plan.col.form'), key: 'form', render: (_: unknown, s) => labels.legalForm(s.stratum.split('|')[1] as LegalForm) },
    { title: t('plan.col.size'), dataIndex: 'size', key: 'size', align: 'right' },
    { title: t('plan.col.quota'), dataIndex: 'quota', key: 'quota', align: 'right' },
  ];
  const itemColumns: TableColumnsType<InspectionItem> = isMobile
    ? [{ title: t('item.col.org'), key: 'all', render: (_: unknown, i) => (<Space direction="vertical"><Data>{i.orgName}</Data><InspectorTags item={i} /><ItemState item={i} /><ItemActions item={i} /></Space>) }]
    : [
        { title: t('item.col.org'), key: 'org', render: (_: unknown, i) => <Data>{i.orgName}</Data> },
        { title: t('item.col.inspectors'), key: 'inspectors', render: (_: unknown, i) => <InspectorTags item={i} /> },
        { title: t('item.col.result'), key: 'result', render: (_: unknown, i) => <ItemState item={i} /> },
        { title: t('item.col.actions'), key: 'actions', render: (_: unknown, i) => <ItemActions item={i} /> },
      ];
  return (
    <Space direction="vertical" size="middle" className="full-width">
      <Card
        title={<Data>{plan.title}</Data>}
        extra={<Link to="/inspections">{t('plan.back')}</Link>}
      >
        <Descriptions column={isMobile ? 1 : 2} size="small">
          <Descriptions.Item label={t('insp.col.status')}><PlanStatusTag status={plan.status} /></Descriptions.Item>
          <Descriptions.Item label={t('insp.col.kind')}>{t(`insp.kind.${plan.kind}`)} · {plan.year}</Descriptions.Item>
          <Descriptions.Item label={t('plan.district')}><Data>{plan.districtName}</Data></Descriptions.Item>
          <Descriptions.Item label={t('insp.col.percent')}>{t('insp.percentValue', { n: plan.percent })}</Descriptions.Item>
          <Descriptions.Item label={t('plan.minInspectors')}>{t('plan.minInspectorsValue', { n: plan.minInspectors })}</Descriptions.Item>
          <Descriptions.Item label={t('plan.publishDays')}>{t('plan.publishDaysValue', { n: plan.publishDays })}</Descriptions.Item>
          <Descriptions.Item label={t('plan.basis')} span={2}><ServerText>{plan.basis}</ServerText></Descriptions.Item>
          <Descriptions.Item label={t('plan.publishedOn')}>{plan.publishedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('plan.seed')} span={2}>{plan.seed ? <span className="insp-seed">{plan.seed}</span> : t('plan.noSeed')}</Descriptions.Item>
          {plan.purpose && <Descriptions.Item label={t('form.purpose')} span={2}><Data>{plan.purpose}</Data></Descriptions.Item>}
        </Descriptions>
        <div className="insp-actions">
          {can('inspection.plan') && plan.status === 'draft' && <Button type="primary" loading={publish.isPending} onClick={() => step('publish')}>{t('plan.publish')}</Button>}
          {can('inspection.plan') && plan.status === 'published' && <Button type="primary" loading={draw.isPending} onClick={() => step('draw')}>{t('plan.draw')}</Button>}
          {plan.status !== 'draft' && <Link to={`/public/inspections/${plan.id}`}><SafetyCertificateOutlined /> {t('plan.verifyLink')}</Link>}
        </div>
      </Card>
      <Card title={t('plan.strata')}>
        {plan.status === 'draft' && <Alert type="info" showIcon message={t('plan.previewHint')} className="insp-hint" />}
        <Typography.Paragraph type="secondary">{t('plan.strataHint', { total: formatCount(plan.total) })}</Typography.Paragraph>
        <Table rowKey="stratum" size="small" pagination={false} columns={strataColumns} dataSource={plan.strata} />
      </Card>
      <Card title={t('plan.items')}>
        <Table
          rowKey="id"
          size="middle"
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={itemColumns}
          dataSource={plan.items}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={plan.status === 'drawn' ? t('plan.noItemsInReach') : t('plan.noItems')} /> }}
        />
      </Card>
    </Space>
  );
}
