import { App, Button, Card, Descriptions, Form, Input, InputNumber, List, Popconfirm, Space, Typography } from 'antd';
import { CheckOutlined, LinkOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import type { ReviewDecision } from '../../../shared/enums.js';
import { Data } from '../../components/Data.js';
import { useT } from '../../i18n.js';
import { useFormFeedback } from '../../lib/form-feedback.js';
import { formatDateTime } from '../../lib/format.js';
import { useFileSummary, useLinkActivity, useReviewDeclaration, type Declaration } from './declarations.api.js';
import { declarationsMessages } from './declarations.messages.js';

/** The opinion box of the reviewer whose step it is: approve, return for correction or reject (the last two need a reason). */
export function ReviewBox({ d }: { d: Declaration }) {
  const t = useT(declarationsMessages);
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ opinion?: string }>();
  const feedback = useFormFeedback(form, { name: 'declReview' });
  const review = useReviewDeclaration(d.id);

  const decide = async (decision: ReviewDecision) => {
    form.setFields([{ name: 'opinion', errors: [] }]);
    const v = await feedback.validate();
    if (!v) return;
    const opinion = v.opinion?.trim();
    if (decision !== 'approve' && !opinion) {
      form.setFields([{ name: 'opinion', errors: [t('review.needReason')] }]);
      await feedback.showFirstError();
      return;
    }
    if (decision === 'approve') {
      const ok = await new Promise<boolean>((resolve) =>
        modal.confirm({ title: t('review.approveConfirm'), okText: t('review.approve'), cancelText: t('common.cancel'), onOk: () => resolve(true), onCancel: () => resolve(false) }),
      );
      if (!ok) return;
    }
    review.mutate(
      { decision, ...(opinion ? { opinion } : {}) },
      {
        onSuccess: () => {
          message.success(t('review.done'));
          form.resetFields();
        },
        onError: (err) => void feedback.showServerError(err),
      },
    );
  };

  return (
    <Card size="small" title={t('review.title')} className="app-section review-panel">
      <Form {...feedback.formProps} layout="vertical">
        <Form.Item name="opinion" label={t('review.opinion')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} showCount placeholder={t('review.opinionPlaceholder')} />
        </Form.Item>
        <Space wrap>
          <Button type="primary" icon={<CheckOutlined />} loading={review.isPending} onClick={() => void decide('approve')}>
            {t('review.approve')}
          </Button>
          <Button icon={<RollbackOutlined />} loading={review.isPending} onClick={() => void decide('return')}>
            {t('review.return')}
          </Button>
          <Popconfirm title={t('review.rejectConfirm')} okText={t('review.reject')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => void decide('reject')}>
            <Button danger icon={<StopOutlined />} loading={review.isPending}>
              {t('review.reject')}
            </Button>
          </Popconfirm>
        </Space>
      </Form>
    </Card>
  );
}

/** The ledger activities held under the declaration, and linking one (or taking a wrong link off). */
export function ActivitiesCard({ d }: { d: Declaration }) {
  const t = useT(declarationsMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ activityId: number | null }>();
  const feedback = useFormFeedback(form, { name: 'declLink' });
  const link = useLinkActivity(d.id);
  const send = (activityId: number, unlink: boolean) =>
    link.mutate(
      { activityId, unlink },
      {
        onSuccess: () => {
          message.success(unlink ? t('page.unlinked') : t('page.linked'));
          form.resetFields();
        },
        onError: (err) => void feedback.showServerError(err),
      },
    );
  return (
    <Card size="small" title={t('page.activities')} className="app-section">
      {d.activities.length === 0 ? (
        <Typography.Text type="secondary">{t('page.noActivities')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={d.activities}
          renderItem={(a) => (
            <List.Item
              actions={
                d.can.link
                  ? [
                      <Button key="unlink" type="link" size="small" onClick={() => send(a.id, true)}>
                        {t('page.unlink')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta title={<Data>{a.title}</Data>} description={<span>{t('page.activityHeld', { date: a.heldOn, n: a.participants })}<Data>{a.activityType}</Data></span>} />
            </List.Item>
          )}
        />
      )}
      {d.can.link && (
        <Form {...feedback.formProps} layout="inline" className="decl-link-form" onFinish={(v) => v.activityId && send(v.activityId, false)}>
          <Form.Item name="activityId" label={t('page.linkActivity')} rules={[{ required: true, message: t('form.required', { field: t('page.linkPlaceholder') }) }]}>
            <InputNumber min={1} precision={0} placeholder={t('page.linkPlaceholder')} />
          </Form.Item>
          <Button htmlType="submit" icon={<LinkOutlined />} loading={link.isPending}>
            {t('page.link')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** The post-event summary: shown once filed, else its form when the event is over. */
export function SummaryCard({ d }: { d: Declaration }) {
  const t = useT(declarationsMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ effect: string; problems: string; nextSteps: string }>();
  const feedback = useFormFeedback(form, { name: 'declSummary' });
  const file = useFileSummary(d.id);
  const s = d.summary;
  const dueLine = d.summaryDueOn && <Typography.Paragraph type={d.summaryOverdue ? 'danger' : 'secondary'}>{t('sum.dueOn', { date: d.summaryDueOn })}</Typography.Paragraph>;
  if (s) {
    return (
      <Card size="small" title={t('sum.title')} className="app-section">
        <Descriptions
          bordered
          size="small"
          column={1}
          styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}
          items={[
            { key: 'effect', label: t('sum.effect'), children: <div className="pre-wrap" data-value="">{s.effect}</div> },
            { key: 'problems', label: t('sum.problems'), children: <div className="pre-wrap" data-value="">{s.problems}</div> },
            { key: 'next', label: t('sum.nextSteps'), children: <div className="pre-wrap" data-value="">{s.nextSteps}</div> },
          ]}
        />
        <Typography.Paragraph type="secondary" className="decl-summary-meta">
          <Data>{s.filedBy}</Data> · <span className="mono">{formatDateTime(s.filedAt, false)}</span>
          {s.late && s.dueOn && <Typography.Text type="danger">{` · ${t('sum.late', { date: s.dueOn })}`}</Typography.Text>}
        </Typography.Paragraph>
      </Card>
    );
  }
  return (
    <Card size="small" title={t('sum.title')} className="app-section">
      {dueLine}
      {d.can.fileSummary ? (
        <Form
          {...feedback.formProps}
          layout="vertical"
          onFinish={(v) =>
            file.mutate(
              { effect: v.effect.trim(), problems: v.problems.trim(), nextSteps: v.nextSteps.trim() },
              { onSuccess: () => message.success(t('sum.filed')), onError: (err) => void feedback.showServerError(err) },
            )
          }
        >
          {(['effect', 'problems', 'nextSteps'] as const).map((k) => (
            <Form.Item key={k} name={k} label={t(`sum.${k}`)} rules={[{ required: true, whitespace: true, message: t('form.required', { field: t(`sum.${k}`) }) }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} showCount />
            </Form.Item>
          ))}
          <Button type="primary" htmlType="submit" loading={file.isPending}>
            {t('sum.submit')}
          </Button>
        </Form>
      ) : (
        <Typography.Text type="secondary">{t('sum.notYet')}</Typography.Text>
      )}
    </Card>
  );
}
