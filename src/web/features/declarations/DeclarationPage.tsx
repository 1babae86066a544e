import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Result, Row, Space, Tag, Typography } from 'antd';
import { EditOutlined, SendOutlined, UndoOutlined } from '@ant-design/icons';
import { fenToYuanText } from '../../../shared/schemas/money.js';
import { useCurrentUser } from '../../auth/session.js';
import { Data } from '../../components/Data.js';
import { RecordHead } from '../../components/RecordHead.js';
import { isRecordId, RecordLoader } from '../../components/RecordLoader.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { useFormFeedback } from '../../lib/form-feedback.js';
import { formatCount, formatDateTime } from '../../lib/format.js';
import { usePageTitle } from '../../lib/page-title.js';
import { Progress, Trail } from '../applications/ReviewTrail.js';
import { declarationQuery, useSubmitDeclaration, useWithdrawDeclaration, type Declaration } from './declarations.api.js';
import { declarationsMessages } from './declarations.messages.js';
import { DeclDates, DeclStatusTag } from './decl-parts.js';
import { ActivitiesCard, ReviewBox, SummaryCard } from './DeclarationPanels.js';
import '../applications/applications.css';
import './declarations.css';

/** `/declarations/:id`: the declaration, its review trail, the activity held and the post-event summary. */
export default function DeclarationPage() {
  const t = useT(declarationsMessages);
  const { id } = useParams();
  const declId = Number(id);
  const q = useQuery(declarationQuery(declId));
  return (
    <RecordLoader query={q} validId={isRecordId(declId)} skeletonRows={12} notFound={<Card><Result status="404" title={t('decl.emptyFiltered')} /></Card>}>
      {(d) => <Detail d={d} />}
    </RecordLoader>
  );
}

function Banner({ d }: { d: Declaration }) {
  const t = useT(declarationsMessages);
  const labels = useEnumLabels();
  const navigate = useNavigate();
  const last = (action: string) => [...(d.review?.events ?? [])].reverse().find((e) => e.action === action);
  if (d.status === 'draft') {
    return <Alert type="info" showIcon title={t('page.draftNote')} action={d.can.edit && <Button type="primary" onClick={() => navigate(`/declarations/${d.id}/edit`)}>{t('page.edit')}</Button>} />;
  }
  if (d.status === 'returned') {
    const e = last('return');
    return (
      <Alert
        type="warning"
        showIcon
        title={t('page.returnedNote')}
        description={e?.opinion && <div className="pre-wrap return-opinion" data-value="">{e.opinion}</div>}
        action={d.can.edit && <Button type="primary" onClick={() => navigate(`/declarations/${d.id}/edit`)}>{t('page.edit')}</Button>}
      />
    );
  }
  if (d.status === 'submitted' && d.review?.currentStep) return <Alert type="info" showIcon title={t('page.waiting', { step: labels.reviewStep(d.review.currentStep) })} />;
  if (d.status === 'approved' && d.summaryOverdue) return <Alert type="error" showIcon title={t('page.summaryOverdue', { date: d.summaryDueOn ?? '—' })} />;
  if (d.status === 'approved') return <Alert type="success" showIcon title={d.summaryFiled ? t('sum.filed') : t('page.approvedNote', { date: d.summaryDueOn ?? '—' })} />;
  if (d.status === 'rejected') {
    const e = last('reject');
    return <Alert type="error" showIcon title={t('page.rejectedNote')} description={e?.opinion && <div className="pre-wrap" data-value="">{e.opinion}</div>} />;
  }
  return <Alert type="info" showIcon title={t('page.withdrawnNote')} />;
}

function Detail({ d }: { d: Declaration }) {
  const t = useT(declarationsMessages);
  usePageTitle(d.title);
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const submit = useSubmitDeclaration(d.id);
  const withdraw = useWithdrawDeclaration(d.id);
  const [withdrawOpen, setWithdrawOpen] = useState(false);
  const [withdrawForm] = Form.useForm<{ reason?: string }>();
  const withdrawFeedback = useFormFeedback(withdrawForm, { name: 'withdraw' });
  const unit = (u: 'calendar' | 'working') => t(`form.unit.${u}`);

  const doWithdraw = async () => {
    const v = await withdrawFeedback.validate();
    if (!v) return;
    withdraw.mutate(v.reason?.trim() || undefined, {
      onSuccess: () => {
        message.success(t('page.withdrawn'));
        setWithdrawOpen(false);
      },
      onError: (err) => message.error(err.message),
    });
  };
  const doSubmit = () =>
    submit.mutate(undefined, {
      onSuccess: () => message.success(t('form.submitted')),
      // A late submission is refused with the rule and the earliest start: the form is where the date is changed.
      onError: (err) => message.error(Object.values((err as { fields?: Record<string, string> }).fields ?? {}).join('；') || err.message),
    });

  const actions = (
    <Space wrap className="no-print">
      {d.can.edit && (
        <Button icon={<EditOutlined />} onClick={() => navigate(`/declarations/${d.id}/edit`)}>
          {t('page.edit')}
        </Button>
      )}
      {d.can.submit && (
        <Button type="primary" icon={<SendOutlined />} loading={submit.isPending} onClick={doSubmit}>
          {t('page.submit')}
        </Button>
      )}
      {d.can.withdraw && (
        <Button danger icon={<UndoOutlined />} onClick={() => setWithdrawOpen(true)}>
          {t('page.withdraw')}
        </Button>
      )}
    </Space>
  );

  const orNone = (v: ReactNode) => (v === null || v === '' ? <Typography.Text type="secondary">—</Typography.Text> : v);
  const content = (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}
      items={[
        {
          key: 'kinds',
          label: t('form.kinds'),
          span: 'filled',
          children: (
            <Space size={[4, 4]} wrap>
              {d.kinds.map((k) => (
                <Tag key={k}>
                  <Data>{k}</Data>
                </Tag>
              ))}
            </Space>
          ),
        },
        { key: 'dates', label: t('decl.col.dates'), children: <DeclDates item={d} /> },
        { key: 'place', label: t('form.place'), children: <Data>{d.place}</Data> },
        { key: 'participants', label: t('form.participants'), children: t('page.people', { n: formatCount(d.expectedParticipants) }) },
        { key: 'amount', label: t('form.amount'), children: <span className="mono">{t('page.amount', { yuan: fenToYuanText(d.amountFen) })}</span> },
        { key: 'foreign', label: t('form.foreign'), children: d.foreignRelated ? t('page.foreignYes') : t('page.foreignNo') },
        ...(d.leadTime ? [{ key: 'lead', label: t('page.leadTime'), children: t('page.leadValue', { ahead: d.leadTime.aheadDays, days: d.leadTime.requiredDays, unit: unit(d.leadTime.unit) }) }] : []),
        { key: 'content', label: t('form.content'), span: 'filled', children: <div className="pre-wrap" data-value="">{d.content}</div> },
        { key: 'contact', label: t('form.contact'), children: <Data>{d.contactName}</Data> },
        { key: 'phone', label: t('form.phone'), children: orNone(d.contactPhone && <span className="mono">{d.contactPhone}</span>) },
      ]}
    />
  );

  return (
    <div className="app-page decl-page">
      <RecordHead backTo="/declarations" backLabel={t('page.back')} title={<Data>{d.title}</Data>} tags={<DeclStatusTag status={d.status} />} actions={actions}>
        <Typography.Text type="secondary" className="org-record-sub">
          <span className="mono">{t('page.no', { id: d.id })}</span> ·{' '}
          {user.permissions.includes('org.read') ? (
            <Link to={`/orgs/${d.org.id}?tab=declarations`}>
              <Data>{d.org.name}</Data>
            </Link>
          ) : (
            <Data>{d.org.name}</Data>
          )}{' '}
          · <Data>{d.regionPath}</Data>
        </Typography.Text>
        <Typography.Text type="secondary" className="org-record-sub">
          {t('page.declaredBy')}
          <Data>{d.declaredBy.displayName}</Data>
          {d.onBehalf && t('page.onBehalf')}
          {d.declaredAt && ` · ${t('page.declaredAt')} ${formatDateTime(d.declaredAt, false)}`}
        </Typography.Text>
        {d.review && d.review.steps.length > 0 && <Progress steps={d.review.steps} currentStep={d.review.currentStep} status={d.review.status} events={d.review.events} />}
      </RecordHead>
      <div className="page-alert app-banner">
        <Banner d={d} />
      </div>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('page.content')} className="app-section">
            {content}
          </Card>
          {d.status === 'approved' && <ActivitiesCard d={d} />}
          {d.status === 'approved' && <SummaryCard d={d} />}
        </Col>
        <Col xs={24} xl={8}>
          {d.can.review && <ReviewBox d={d} />}
          <Card size="small" title={t('page.trail')} className="app-section">
            {d.review ? <Trail events={d.review.events} /> : <Typography.Text type="secondary">{t('page.trailEmpty')}</Typography.Text>}
          </Card>
        </Col>
      </Row>
      <Modal
        open={withdrawOpen}
        title={t('page.withdrawTitle')}
        onCancel={() => setWithdrawOpen(false)}
        onOk={doWithdraw}
        okText={t('page.withdraw')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, loading: withdraw.isPending }}
        destroyOnHidden
      >
        <Form {...withdrawFeedback.formProps} layout="vertical">
          <Form.Item name="reason" label={t('page.withdrawReason')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
