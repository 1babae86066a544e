import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Empty, Form, Input, Modal, Radio, Table, Tag, Typography } from 'antd';
import { MailOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Data, ServerText } from '../../components/Data.js';
import { LoadError } from '../../components/LoadError.js';
import { useT } from '../../i18n.js';
import { useFormFeedback } from '../../lib/form-feedback.js';
import { creditRulesQuery, lettersQuery, useRecordLetter, type CreditLetter } from './credit.api.js';
import { creditMessages } from './credit.messages.js';

const DAY = 86_400_000;
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY);

interface LetterForm {
  sentOn: Dayjs;
  trackingNo: string;
  signed: boolean;
  outcomeOn?: Dayjs;
  note?: string;
}

/**
 * The registered letters to the registered address (district admin, on the 信用 tab): each with its receipt, the gap
 * to the one before checked against the 20–60 days of credit.abnormal.unreachable, and what the letters amount to
 * (the server's reading of the rule, with its basis). Two unsigned letters in the window make the fact the credit
 * job enters.
 */
export function OrgLetters({ orgId }: { orgId: number }) {
  const t = useT(creditMessages);
  const { message } = App.useApp();
  const letters = useQuery(lettersQuery(orgId));
  // The rule of the unreachable ground as in force today (its 20–60 days, a district's own values laid over).
  const rule = useQuery(creditRulesQuery('credit.abnormal.unreachable'));
  const record = useRecordLetter(orgId);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<LetterForm>();
  const feedback = useFormFeedback(form, { name: 'creditLetter' });
  const min = Number(rule.data?.items[0]?.params.minGapDays ?? 20);
  const max = Number(rule.data?.items[0]?.params.maxGapDays ?? 60);
  const required = (field: string) => [{ required: true, whitespace: true, message: t('act.required', { field }) }];

  const submit = async () => {
    const v = await feedback.validate();
    if (!v) return;
    await record
      .mutateAsync({
        sentOn: v.sentOn.format('YYYY-MM-DD'),
        trackingNo: v.trackingNo.trim(),
        signed: v.signed,
        outcomeOn: v.outcomeOn?.format('YYYY-MM-DD'),
        note: v.note?.trim() || undefined,
      })
      .then(() => {
        void message.success(t('letters.saved'));
        setOpen(false);
        form.resetFields();
      })
      .catch((err: unknown) => feedback.showServerError(err));
  };

  if (letters.isError) return <LoadError error={letters.error} onRetry={() => letters.refetch()} />;
  const items = [...(letters.data?.items ?? [])].sort((a, b) => a.sentOn.localeCompare(b.sentOn));
  const gapOf = (i: number) => (i > 0 ? daysBetween(items[i - 1]!.sentOn, items[i]!.sentOn) : null);
  return (
    <section className="credit-letters" data-testid="credit-letters">
      <div className="credit-section-head">
        <Typography.Title level={5}>{t('letters.title')}</Typography.Title>
        <Button icon={<MailOutlined />} onClick={() => setOpen(true)}>
          {t('letters.add')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary">{t('letters.rule', { min, max })}</Typography.Paragraph>
      {letters.data && (
        <Alert
          type={letters.data.unreachable.met ? 'warning' : 'info'}
          showIcon
          title={<ServerText>{letters.data.unreachable.explanation}</ServerText>}
          description={<ServerText>{letters.data.unreachable.basis.text}</ServerText>}
          className="credit-letters-reading"
        />
      )}
      <Table<CreditLetter>
        rowKey="id"
        size="small"
        dataSource={items}
        loading={letters.isFetching}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: letters.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('letters.none')} /> }}
        columns={[
          { title: t('letters.sentOn'), dataIndex: 'sentOn', render: (v: string) => <span className="mono">{v}</span> },
          { title: t('letters.trackingNo'), dataIndex: 'trackingNo', render: (v: string) => <span className="mono">{v}</span> },
          { title: t('letters.address'), dataIndex: 'address', render: (v: string) => <Data>{v}</Data> },
          {
            title: t('letters.status'),
            key: 'signed',
            render: (_: unknown, r) => (
              <span>
                <Tag color={r.signed ? 'success' : 'error'}>{t(r.signed ? 'letters.signed' : 'letters.unsigned')}</Tag>
                {r.outcomeOn && <span className="mono">{r.outcomeOn}</span>}
              </span>
            ),
          },
          {
            title: '',
            key: 'gap',
            render: (_: unknown, _r, i) => {
              const gap = gapOf(i);
              if (gap === null) return null;
              const ok = gap >= min && gap <= max;
              return <Typography.Text type={ok ? 'secondary' : 'warning'}>{t(ok ? 'letters.gap' : 'letters.gapBad', { n: gap, min, max })}</Typography.Text>;
            },
          },
        ]}
      />
      <Modal open={open} title={t('letters.add')} onCancel={() => setOpen(false)} onOk={submit} okText={t('act.confirm')} cancelText={t('act.cancel')} okButtonProps={{ loading: record.isPending }} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('letters.markHint')}</Typography.Paragraph>
        <Form {...feedback.formProps} layout="vertical" initialValues={{ sentOn: dayjs(), signed: false }}>
          <Form.Item name="sentOn" label={t('letters.sentOn')} rules={[{ required: true, message: t('act.required', { field: t('letters.sentOn') }) }]}>
            <DatePicker className="full-width" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="trackingNo" label={t('letters.trackingNo')} rules={required(t('letters.trackingNo'))}>
            <Input maxLength={40} autoComplete="off" />
          </Form.Item>
          <Form.Item name="signed" label={t('letters.status')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: false, label: t('letters.markUnsigned') },
                { value: true, label: t('letters.markSigned') },
              ]}
            />
          </Form.Item>
          <Form.Item name="outcomeOn" label={t('letters.markTitle')}>
            <DatePicker className="full-width" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}
