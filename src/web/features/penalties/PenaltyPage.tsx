import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Result, Space, Typography } from 'antd';
import { CheckOutlined, StopOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Data } from '../../components/Data.js';
import { RecordHead } from '../../components/RecordHead.js';
import { isRecordId, RecordLoader } from '../../components/RecordLoader.js';
import { useT } from '../../i18n.js';
import { useFormFeedback } from '../../lib/form-feedback.js';
import { formatDateTime } from '../../lib/format.js';
import { usePageTitle } from '../../lib/page-title.js';
import { penaltyQuery, useAnnulPenalty, useCarriedOut, type Penalty } from './penalties.api.js';
import { penaltiesMessages } from './penalties.messages.js';
import { amountText, PenaltyKindTag, PenaltyStatusTag } from './penalty-parts.js';
import './penalties.css';

const DAY = 'YYYY-MM-DD';

/** `/penalties/:id`: one penalty decision, with its annulment and carrying-out for the district. */
export default function PenaltyPage() {
  const t = useT(penaltiesMessages);
  const { id } = useParams();
  const penaltyId = Number(id);
  const q = useQuery(penaltyQuery(penaltyId));
  return (
    <RecordLoader query={q} validId={isRecordId(penaltyId)} skeletonRows={10} notFound={<Card><Result status="404" title={t('page.notFound')} /></Card>}>
      {(p) => <Detail p={p} />}
    </RecordLoader>
  );
}

/**
 * A day and, for an annulment, a reason: the two acts after a decision. The day is asked for, not taken as today,
 * because the credit lists judge each day as things stood then (an annulment counts from the day it was made).
 */
function DayModal({ p, kind, onClose }: { p: Penalty; kind: 'annul' | 'carryOut'; onClose: () => void }) {
  const t = useT(penaltiesMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ day: Dayjs | null; reason?: string }>();
  const feedback = useFormFeedback(form, { name: kind === 'annul' ? 'penalty-annul' : 'penalty-carried' });
  const annul = useAnnulPenalty(p.id);
  const carried = useCarriedOut(p.id);
  const busy = annul.isPending || carried.isPending;
  const confirm = async () => {
    const v = await feedback.validate();
    if (!v?.day) return;
    const day = v.day.format(DAY);
    const map = (k: string) => (k === 'annulledOn' || k === 'carriedOutOn' ? 'day' : k);
    const fail = (err: unknown) => void feedback.showServerError(err, { map });
    const done = (text: string) => {
      message.success(text);
      onClose();
    };
    if (kind === 'annul') annul.mutate({ annulledOn: day, reason: (v.reason ?? '').trim(), version: p.version }, { onSuccess: () => done(t('page.annulled')), onError: fail });
    else carried.mutate({ carriedOutOn: day, version: p.version }, { onSuccess: () => done(t('page.carriedDone')), onError: fail });
  };
  const outOfRange = (d: Dayjs) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(p.decidedOn), 'day');
  return (
    <Modal
      open
      title={kind === 'annul' ? t('page.annulTitle') : t('page.carryOutTitle')}
      onCancel={onClose}
      onOk={confirm}
      okText={t('page.confirm')}
      cancelText={t('form.cancel')}
      okButtonProps={{ danger: kind === 'annul', loading: busy }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{kind === 'annul' ? t('page.annulHint') : t('page.carryOutHint')}</Typography.Paragraph>
      <Form {...feedback.formProps} layout="vertical" initialValues={{ day: dayjs() }}>
        <Form.Item name="day" label={kind === 'annul' ? t('page.annulDay') : t('page.carriedOutOn')} rules={[{ required: true, message: t('page.dayRequired') }]}>
          <DatePicker disabledDate={outOfRange} />
        </Form.Item>
        {kind === 'annul' && (
          <Form.Item name="reason" label={t('page.annulReasonLabel')} rules={[{ required: true, whitespace: true, message: t('form.required', { field: t('page.annulReason') }) }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} showCount />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function Detail({ p }: { p: Penalty }) {
  const t = useT(penaltiesMessages);
  usePageTitle(`${t('pen.title')} ${p.decisionNo}`);
  const [open, setOpen] = useState<'annul' | 'carryOut' | null>(null);
  const actions = (
    <Space wrap>
      {p.may.carryOut && (
        <Button icon={<CheckOutlined />} onClick={() => setOpen('carryOut')}>
          {t('page.carryOut')}
        </Button>
      )}
      {p.may.annul && (
        <Button danger icon={<StopOutlined />} onClick={() => setOpen('annul')}>
          {t('page.annul')}
        </Button>
      )}
    </Space>
  );
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Card>
      <RecordHead backTo="/penalties" backLabel={t('page.back')} title={<Data>{p.decisionNo}</Data>} tags={<><PenaltyKindTag kind={p.kind} /><PenaltyStatusTag p={p} /></>} actions={actions}>
        <Typography.Text type="secondary">
          <Link to={`/orgs/${p.org.id}`}>
            <Data>{p.org.name}</Data>
          </Link>
        </Typography.Text>
      </RecordHead>
      {p.status === 'annulled' && (
        <Alert className="penalty-annulled" type="warning" showIcon title={`${t('page.annulledOn')}：${p.annulledOn}`} description={p.annulReason && <div className="pre-wrap" data-value="">{p.annulReason}</div>} />
      )}
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}
        items={[
          { key: 'org', label: t('pen.col.org'), children: <Data>{p.org.name}</Data> },
          { key: 'kind', label: t('pen.col.kind'), children: <PenaltyKindTag kind={p.kind} /> },
          { key: 'amount', label: t('pen.col.amount'), children: <span className="mono">{amountText(p.amountFen)}</span> },
          ...(p.kind === 'suspension' ? [{ key: 'suspension', label: t('form.suspendedFrom'), children: <span className="mono">{t('page.suspension', { from: p.suspendedFrom ?? '—', to: p.suspendedTo ?? '—' })}</span> }] : []),
          { key: 'decidedOn', label: t('pen.col.decidedOn'), children: <span className="mono">{p.decidedOn}</span> },
          { key: 'body', label: t('pen.col.body'), children: <Data>{p.decidingBody}</Data> },
          { key: 'by', label: t('page.byRegistrar'), children: p.byRegistrar ? t('page.registrar') : t('page.otherDept') },
          { key: 'carried', label: t('page.carriedOutOn'), children: p.carriedOutOn ? <span className="mono">{p.carriedOutOn}</span> : none },
          { key: 'facts', label: t('form.facts'), children: <div className="pre-wrap" data-value="">{p.facts}</div>, span: 'filled' },
          { key: 'basis', label: t('form.legalBasis'), children: <Data>{p.legalBasis}</Data>, span: 'filled' },
          { key: 'recordedBy', label: t('page.recordedBy'), children: p.recordedBy ? <Data>{p.recordedBy.displayName}</Data> : none },
          { key: 'recordedAt', label: t('page.recordedAt'), children: <span className="mono">{formatDateTime(p.recordedAt, false)}</span> },
        ]}
      />
      {open && <DayModal p={p} kind={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}
