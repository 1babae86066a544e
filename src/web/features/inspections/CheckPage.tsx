import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Radio, Result, Space, Typography } from 'antd';
import { CHECK_AREAS, type CheckArea } from '../../../shared/schemas/inspections.js';
import { Data, ServerText } from '../../components/Data.js';
import { ReasonModal } from '../../components/ReasonModal.js';
import { isRecordId, RecordLoader } from '../../components/RecordLoader.js';
import { useT } from '../../i18n.js';
import { useFormFeedback, useUnsavedGuard } from '../../lib/form-feedback.js';
import { usePageTitle } from '../../lib/page-title.js';
import { itemQuery, useDeclareConflict, useRecordResult, type InspectionItem } from './inspections.api.js';
import { inspectionsMessages } from './inspections.messages.js';
import { InspectorTags, ItemState } from './PlanPage.js';
import './inspections.css';

/** `/inspections/items/:id`: one check's checklist (民发〔2017〕45号 art. 6), for its inspectors; works on a phone on site. */
export default function CheckPage() {
  const t = useT(inspectionsMessages);
  const id = Number(useParams().id);
  const q = useQuery(itemQuery(id));
  return (
    <RecordLoader query={q} validId={isRecordId(id)} skeletonRows={10} notFound={<Card><Result status="404" title={t('mine.empty')} /></Card>}>
      {(item) => <Check item={item} />}
    </RecordLoader>
  );
}

interface Values {
  mode: 'written' | 'on_site';
  checklist: Record<CheckArea, { status: 'ok' | 'problem' | 'not_checked'; note?: string }>;
  result: 'no_problem' | 'problems';
  findings?: string;
  rectifyBy?: Dayjs | null;
}

function Check({ item }: { item: InspectionItem }) {
  const t = useT(inspectionsMessages);
  usePageTitle(t('check.title', { org: item.orgName }));
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const feedback = useFormFeedback(form, { name: 'inspection-check' });
  const [dirty, setDirty] = useState(false);
  useUnsavedGuard(dirty);
  const save = useRecordResult(item.id);
  const declare = useDeclareConflict(item.id);
  const [declaring, setDeclaring] = useState(false);
  const result = Form.useWatch('result', form);
  const editable = item.mine && !item.publishedOn;
  const initial: Values = {
    mode: item.mode ?? 'on_site',
    checklist: Object.fromEntries(CHECK_AREAS.map((a) => [a, { status: item.checklist?.[a]?.status ?? 'ok', note: item.checklist?.[a]?.note ?? '' }])) as Values['checklist'],
    result: item.result ?? 'no_problem',
    findings: item.findings ?? undefined,
    rectifyBy: item.rectifyBy ? dayjs(item.rectifyBy) : null,
  };
  const submit = async () => {
    const v = await feedback.validate();
    if (!v) return;
    try {
      await save.mutateAsync({
        version: item.version, mode: v.mode, result: v.result, findings: v.findings?.trim() || undefined,
        rectifyBy: v.result === 'problems' && v.rectifyBy ? v.rectifyBy.format('YYYY-MM-DD') : undefined,
        checklist: Object.fromEntries(CHECK_AREAS.map((a) => [a, { status: v.checklist[a].status, note: v.checklist[a].note?.trim() ?? '' }])) as never,
      });
      setDirty(false);
      void message.success(t('check.saved'));
    } catch (err) {
      await feedback.showServerError(err);
    }
  };
  return (
    <Card title={<Data>{item.orgName}</Data>} extra={<Link to="/inspections/mine">{t('check.back')}</Link>}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('check.plan')}><Data>{item.planTitle}</Data></Descriptions.Item>
        <Descriptions.Item label={t('check.inspectors')}><InspectorTags item={item} /></Descriptions.Item>
        <Descriptions.Item label={t('check.result')}><ItemState item={item} /></Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary"><ServerText>{item.basis}</ServerText></Typography.Paragraph>
      {!item.mine && <Alert type="info" showIcon message={t('check.readOnly')} className="insp-hint" />}
      <Form {...feedback.formProps} layout="vertical" initialValues={initial} disabled={!editable} onValuesChange={() => setDirty(true)}>
        <Form.Item name="mode" label={t('check.mode')} rules={[{ required: true }]}>
          <Radio.Group options={(['on_site', 'written'] as const).map((m) => ({ value: m, label: t(`check.mode.${m}`) }))} optionType="button" />
        </Form.Item>
        {CHECK_AREAS.map((a) => (
          <div className="insp-area" key={a}>
            <Form.Item name={['checklist', a, 'status']} label={t(`check.area.${a}`)} rules={[{ required: true }]}>
              <Radio.Group options={(['ok', 'problem', 'not_checked'] as const).map((s) => ({ value: s, label: t(`check.status.${s}`) }))} />
            </Form.Item>
            <Form.Item name={['checklist', a, 'note']} label={t('check.note')} rules={[{ max: 1000 }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} data-value="" />
            </Form.Item>
          </div>
        ))}
        <Form.Item name="result" label={t('check.result')} rules={[{ required: true }]}>
          <Radio.Group options={(['no_problem', 'problems'] as const).map((r) => ({ value: r, label: t(`check.result.${r}`) }))} optionType="button" />
        </Form.Item>
        {result === 'problems' && (
          <>
            <Form.Item name="findings" label={t('check.findings')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-value="" />
            </Form.Item>
            <Form.Item name="rectifyBy" label={t('check.rectifyBy')} rules={[{ required: true }]}>
              <DatePicker className="full-width" disabledDate={(d) => !d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </>
        )}
        {editable && (
          <Space wrap>
            <Button type="primary" onClick={submit} loading={save.isPending}>{t('check.save')}</Button>
            {item.status === 'assigned' && <Button danger onClick={() => setDeclaring(true)}>{t('check.declare')}</Button>}
          </Space>
        )}
      </Form>
      <ReasonModal
        open={declaring}
        formName="inspection-conflict"
        title={t('check.declareTitle')}
        hint={t('check.declareHint')}
        label={t('check.declareLabel')}
        okText={t('check.declare')}
        cancelText={t('form.cancel')}
        loading={declare.isPending}
        onCancel={() => setDeclaring(false)}
        onConfirm={async (reason) => {
          await declare.mutateAsync(reason ?? '');
          setDeclaring(false);
          void message.success(t('check.declared'));
        }}
      />
    </Card>
  );
}
