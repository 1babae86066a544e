import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { AuditOutlined, PlusOutlined } from '@ant-design/icons';
import type { PlanSummary } from '../../../shared/schemas/inspections.js';
import { useCan } from '../../auth/session.js';
import { Data } from '../../components/Data.js';
import { ListTable } from '../../components/ListTable.js';
import { useT } from '../../i18n.js';
import { useFormFeedback, useUnsavedGuard } from '../../lib/form-feedback.js';
import { formatCount } from '../../lib/format.js';
import { intParam, useIsMobile, useUrlFilters } from '../../lib/hooks.js';
import { usePageTitle } from '../../lib/page-title.js';
import { urlTableChange } from '../../lib/table-url.js';
import { plansQuery, useCreatePlan, type PlanInput } from './inspections.api.js';
import { inspectionsMessages } from './inspections.messages.js';
import './inspections.css';

type Summary = PlanSummary;

export function PlanStatusTag({ status }: { status: Summary['status'] }) {
  const t = useT(inspectionsMessages);
  return <Tag color={status === 'drawn' ? 'green' : status === 'published' ? 'blue' : 'default'}>{t(`insp.status.${status}`)}</Tag>;
}

/** `/inspections`: the district's plans (yearly and ad hoc), newest first; the planner makes new ones here. */
export default function PlansPage() {
  const t = useT(inspectionsMessages);
  usePageTitle(t('insp.title'));
  const can = useCan();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [params, update] = useUrlFilters();
  const p = { page: intParam(params, 'page', 1), pageSize: intParam(params, 'pageSize', 20, 200) };
  const list = useQuery(plansQuery(p));
  const [creating, setCreating] = useState(false);
  const title = (r: Summary) => (
    <Link to={`/inspections/${r.id}`} className="org-name-link">
      <Data>{r.title}</Data>
    </Link>
  );
  const columns: TableColumnsType<Summary> = isMobile
    ? [{
        title: t('insp.col.title'), key: 'all', render: (_: unknown, r) => (
          <div>
            {title(r)}
            <div><PlanStatusTag status={r.status} /> {t(`insp.kind.${r.kind}`)} · {r.year} · {t('insp.percentValue', { n: r.percent })}</div>
            <Typography.Text type="secondary">{t('insp.col.sample')} {formatCount(r.sampleSize)} / {formatCount(r.populationSize)} · {t('insp.col.checked')} {formatCount(r.checked)}</Typography.Text>
          </div>
        ),
      }]
    : [
        { title: t('insp.col.title'), key: 'title', render: (_: unknown, r) => title(r) },
        { title: t('insp.col.year'), dataIndex: 'year', key: 'year' },
        { title: t('insp.col.kind'), key: 'kind', render: (_: unknown, r) => t(`insp.kind.${r.kind}`) },
        { title: t('insp.col.percent'), key: 'percent', render: (_: unknown, r) => t('insp.percentValue', { n: r.percent }) },
        { title: t('insp.col.status'), key: 'status', render: (_: unknown, r) => <PlanStatusTag status={r.status} /> },
        { title: t('insp.col.population'), key: 'population', align: 'right', render: (_: unknown, r) => formatCount(r.populationSize) },
        { title: t('insp.col.sample'), key: 'sample', align: 'right', render: (_: unknown, r) => formatCount(r.sampleSize) },
        { title: t('insp.col.checked'), key: 'checked', align: 'right', render: (_: unknown, r) => formatCount(r.checked) },
      ];
  return (
    <Card
      title={t('insp.title')}
      extra={
        <Space wrap>
          {can('inspection.check') && (
            <Button icon={<AuditOutlined />} onClick={() => navigate('/inspections/mine')}>
              {t('insp.myChecks')}
            </Button>
          )}
          {can('inspection.plan') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('insp.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('insp.rule')}</Typography.Paragraph>
      <ListTable<Summary>
        list={list}
        page={p.page}
        pageSize={p.pageSize}
        columns={columns}
        onChange={urlTableChange(update, [], '')}
        locale={{ emptyText: list.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('insp.empty')} /> }}
      />
      {creating && <NewPlanModal onClose={() => setCreating(false)} onCreated={(id) => navigate(`/inspections/${id}`)} />}
    </Card>
  );
}

function NewPlanModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: number) => void }) {
  const t = useT(inspectionsMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanInput & { includeFiledChoice?: 'yes' | 'no' }>();
  const feedback = useFormFeedback(form, { name: 'inspection-plan' });
  const [dirty, setDirty] = useState(false);
  useUnsavedGuard(dirty);
  const create = useCreatePlan();
  const year = new Date().getFullYear();
  const kind = Form.useWatch('kind', form);
  const submit = async () => {
    const v = await feedback.validate();
    if (!v) return;
    const { includeFiledChoice, ...rest } = v;
    try {
      const plan = await create.mutateAsync({ ...rest, percent: rest.percent ?? undefined, purpose: rest.purpose || undefined, includeFiled: includeFiledChoice ? includeFiledChoice === 'yes' : undefined });
      setDirty(false);
      void message.success(t('form.created'));
      onCreated(plan.id);
    } catch (err) {
      await feedback.showServerError(err);
    }
  };
  return (
    <Modal open title={t('form.title')} okText={t('form.save')} cancelText={t('form.cancel')} onOk={submit} onCancel={onClose} confirmLoading={create.isPending} destroyOnHidden>
      <Form {...feedback.formProps} layout="vertical" initialValues={{ kind: 'yearly', year }} onValuesChange={() => setDirty(true)}>
        <Form.Item name="kind" label={t('form.kind')} rules={[{ required: true }]}>
          <Select options={(['yearly', 'adhoc'] as const).map((k) => ({ value: k, label: t(`insp.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="year" label={t('form.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} precision={0} />
        </Form.Item>
        <Form.Item name="title" label={t('form.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="percent" label={t('form.percent')} extra={t('form.percentHint')} rules={kind === 'adhoc' ? [{ required: true }] : []}>
          <InputNumber min={0.01} max={100} step={0.5} />
        </Form.Item>
        <Form.Item name="includeFiledChoice" label={t('form.includeFiled')}>
          <Select allowClear placeholder={t('form.includeFiledDefault')} options={[{ value: 'yes', label: t('form.yes') }, { value: 'no', label: t('form.no') }]} />
        </Form.Item>
        <Form.Item name="purpose" label={t('form.purpose')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
