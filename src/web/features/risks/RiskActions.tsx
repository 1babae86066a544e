import { useState, type ReactNode } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Radio, Select, Space, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../i18n.js';
import { useFormFeedback, useUnsavedGuard } from '../../lib/form-feedback.js';
import { ReasonModal } from '../../components/ReasonModal.js';
import { useRiskStep, type RiskItem, type RiskOutcomeName, type RiskStepAction } from './risks.api.js';
import { risksMessages } from './risks.messages.js';

type Values = Record<string, unknown>;
const day = (d: unknown) => (dayjs.isDayjs(d) ? (d as Dayjs).format('YYYY-MM-DD') : undefined);

/** One step in a dialog: its form, the server's field messages on the fields, the version the reader saw. */
function StepModal({ item, action, title, okText, open, onClose, toBody, children, danger }: {
  item: RiskItem; action: RiskStepAction; title: string; okText: string; open: boolean; onClose: () => void;
  toBody: (v: Values) => Values; children: ReactNode; danger?: boolean;
}) {
  const t = useT(risksMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const feedback = useFormFeedback(form, { name: `risk-${action}` });
  const step = useRiskStep(item.id);
  const ok = async () => {
    const v = await feedback.validate();
    if (!v) return;
    step.mutate({ action, body: { ...toBody(v), version: item.version } }, {
      onSuccess: () => {
        message.success(t('act.done'));
        onClose();
      },
      onError: (err) => void feedback.showServerError(err),
    });
  };
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={ok} okText={okText} cancelText={t('common.cancel')} okButtonProps={{ loading: step.isPending, danger }} destroyOnHidden>
      <Form {...feedback.formProps} layout="vertical">
        {children}
      </Form>
    </Modal>
  );
}

const req = (label: string, t: (k: 'f.required', v: { field: string }) => string) => [{ required: true, whitespace: true, message: t('f.required', { field: label }) }];

/** The owner's buttons for the steps the item may take now. */
export function HandlerActions({ item }: { item: RiskItem }) {
  const t = useT(risksMessages);
  const { message, modal } = App.useApp();
  const [open, setOpen] = useState<RiskStepAction | null>(null);
  const step = useRiskStep(item.id);
  const close = () => setOpen(null);
  const r = (k: Parameters<typeof t>[0]) => req(t(k), t);
  const c = item.can;
  if (!c.remind && !c.interviewNotice && !c.interviewRecord && !c.verify && !c.close) return <Typography.Text type="secondary">{t('page.noActions')}</Typography.Text>;
  return (
    <div className="risk-actions">
      {c.remind && <Button onClick={() => setOpen('remind')}>{t('act.remind')}</Button>}
      {c.interviewNotice && <Button type="primary" onClick={() => setOpen('interview-notice')}>{t('act.interviewNotice')}</Button>}
      {c.interviewRecord && <Button type="primary" onClick={() => setOpen('interview-record')}>{t('act.interviewRecord')}</Button>}
      {c.verify && <Button type="primary" onClick={() => setOpen('verify')}>{t('act.verify')}</Button>}
      {c.close && <Button danger onClick={() => setOpen('close')}>{t('act.close')}</Button>}

      <ReasonModal
        open={open === 'remind'}
        formName="risk-remind"
        title={t('act.remindTitle')}
        hint={t('act.remindHint')}
        label={t('act.note')}
        okText={t('act.remind')}
        cancelText={t('common.cancel')}
        loading={step.isPending}
        onCancel={close}
        onConfirm={(note) => step.mutateAsync({ action: 'remind', body: { version: item.version, ...(note ? { note } : {}) } }).then(() => { message.success(t('act.done')); close(); })}
      />
      <StepModal item={item} action="interview-notice" title={t('act.interviewNotice')} okText={t('act.interviewNotice')} open={open === 'interview-notice'} onClose={close}
        toBody={(v) => ({ date: day(v.date), time: dayjs.isDayjs(v.time) ? (v.time as Dayjs).format('HH:mm') : undefined, place: v.place, attendees: v.attendees, reason: v.reason })}>
        <Space wrap>
          <Form.Item name="date" label={t('f.date')} rules={[{ required: true, message: t('f.required', { field: t('f.date') }) }]}><DatePicker /></Form.Item>
          <Form.Item name="time" label={t('f.time')} rules={[{ required: true, message: t('f.required', { field: t('f.time') }) }]}><TimePicker format="HH:mm" minuteStep={5} /></Form.Item>
        </Space>
        <Form.Item name="place" label={t('f.place')} rules={r('f.place')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="attendees" label={t('f.attendees')} extra={t('f.attendeesHint')} rules={r('f.attendees')}><Input maxLength={300} /></Form.Item>
        <Form.Item name="reason" label={t('f.reason')} rules={r('f.reason')} initialValue={item.evidence}><Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} showCount /></Form.Item>
      </StepModal>
      <StepModal item={item} action="interview-record" title={t('act.interviewRecord')} okText={t('act.interviewRecord')} open={open === 'interview-record'} onClose={close}
        toBody={(v) => ({ heldOn: day(v.heldOn), attendees: v.attendees, record: v.record, rectifyItems: v.rectifyItems, rectifyDueOn: day(v.rectifyDueOn) })}>
        <Space wrap>
          <Form.Item name="heldOn" label={t('f.heldOn')} initialValue={dayjs()} rules={[{ required: true, message: t('f.required', { field: t('f.heldOn') }) }]}><DatePicker /></Form.Item>
          <Form.Item name="rectifyDueOn" label={t('f.rectifyDueOn')} initialValue={dayjs().add(30, 'day')} rules={[{ required: true, message: t('f.required', { field: t('f.rectifyDueOn') }) }]}><DatePicker /></Form.Item>
        </Space>
        <Form.Item name="attendees" label={t('f.heldAttendees')} rules={r('f.heldAttendees')}><Input maxLength={300} /></Form.Item>
        <Form.Item name="record" label={t('f.record')} rules={r('f.record')}><Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} showCount /></Form.Item>
        <Form.Item name="rectifyItems" label={t('f.rectifyItems')} rules={r('f.rectifyItems')}><Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount /></Form.Item>
      </StepModal>
      <StepModal item={item} action="verify" title={t('act.verify')} okText={t('act.verify')} open={open === 'verify'} onClose={close} toBody={(v) => ({ passed: v.passed === 'yes', note: v.note })}>
        <Form.Item name="passed" label={t('f.passed')} rules={[{ required: true, message: t('f.required', { field: t('f.passed') }) }]}>
          <Radio.Group options={[{ value: 'yes', label: t('f.passedYes') }, { value: 'no', label: t('f.passedNo') }]} />
        </Form.Item>
        <Form.Item name="note" label={t('f.verifyNote')} rules={r('f.verifyNote')}><Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} showCount /></Form.Item>
      </StepModal>
      <CloseModal item={item} open={open === 'close'} onClose={close} confirm={(outcome, go) => modal.confirm({ title: t('act.close'), content: t('act.confirmClose', { outcome: t(`risk.outcome.${outcome}`) }), okText: t('act.close'), okButtonProps: { danger: true }, cancelText: t('common.cancel'), onOk: go })} />
    </div>
  );
}

/** 销号: the outcomes the item may close with now, a note, and a confirmation (a closed item takes no more steps). */
function CloseModal({ item, open, onClose, confirm }: { item: RiskItem; open: boolean; onClose: () => void; confirm: (outcome: RiskOutcomeName, go: () => Promise<unknown>) => void }) {
  const t = useT(risksMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ outcome?: RiskOutcomeName; note?: string }>();
  const feedback = useFormFeedback(form, { name: 'risk-close' });
  const step = useRiskStep(item.id);
  const ok = async () => {
    const v = await feedback.validate();
    if (!v) return;
    confirm(v.outcome!, () =>
      step.mutateAsync({ action: 'close', body: { outcome: v.outcome, note: v.note, version: item.version } }).then(
        () => { message.success(t('act.done')); onClose(); },
        (err: unknown) => void feedback.showServerError(err),
      ),
    );
  };
  return (
    <Modal open={open} title={t('act.close')} onCancel={onClose} onOk={ok} okText={t('act.close')} cancelText={t('common.cancel')} okButtonProps={{ danger: true, loading: step.isPending }} destroyOnHidden>
      <Form {...feedback.formProps} layout="vertical">
        <Form.Item name="outcome" label={t('f.outcome')} rules={[{ required: true, message: t('f.required', { field: t('f.outcome') }) }]}>
          <Select options={item.can.outcomes.map((o) => ({ value: o, label: t(`risk.outcome.${o}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('f.closeNote')} rules={[{ required: true, whitespace: true, message: t('f.required', { field: t('f.closeNote') }) }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The organization's rectification report (its leader; phone-friendly: one field, full width). */
export function ReportForm({ item }: { item: RiskItem }) {
  const t = useT(risksMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ measures?: string }>();
  const feedback = useFormFeedback(form, { name: 'risk-report' });
  const [dirty, setDirty] = useState(false);
  useUnsavedGuard(dirty);
  const step = useRiskStep(item.id);
  const submit = async () => {
    const v = await feedback.validate();
    if (!v) return;
    step.mutate({ action: 'report', body: { measures: v.measures, version: item.version } }, {
      onSuccess: () => {
        setDirty(false);
        form.resetFields();
        message.success(t('report.submitted'));
      },
      onError: (err) => void feedback.showServerError(err),
    });
  };
  return (
    <Form {...feedback.formProps} layout="vertical" onValuesChange={() => setDirty(true)}>
      <Typography.Paragraph type="secondary">{t('report.hint')}</Typography.Paragraph>
      <Form.Item name="measures" label={t('f.measures')} extra={t('f.measuresHint')} rules={[{ required: true, whitespace: true, message: t('f.required', { field: t('f.measures') }) }]}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={4000} showCount />
      </Form.Item>
      <Button type="primary" block onClick={submit} loading={step.isPending}>
        {t('report.submit')}
      </Button>
    </Form>
  );
}
