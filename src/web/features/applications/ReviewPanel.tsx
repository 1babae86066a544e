import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { CheckOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import type { ReviewDecision } from '../../../shared/enums.js';
import { CREDIT_CODE_MESSAGES, creditCodeProblem } from '../../../shared/validators.js';
import { localValidatorMessage } from '../../server.messages.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { useAppLabels, applicationsMessages } from './applications.messages.js';
import { DueTag, isDeregistration } from './app-tags.js';
import { applicationsQuery, useReviewApplication, type Application } from './applications.api.js';
import { useFormFeedback } from '../../lib/form-feedback.js';
import { useT } from '../../i18n.js';

interface Values {
  opinion?: string;
  creditCode?: string;
}

/** The opinion box of the reviewer whose step it is: approve, return for correction, or reject (confirmed first). */
export function ReviewPanel({ app }: { app: Application }) {
  const t = useT(applicationsMessages);
  const labels = useAppLabels();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const feedback = useFormFeedback(form, { name: 'review' });
  const review = useReviewApplication(app.id);
  const warnings = app.checks.filter((c) => c.level === 'warning').length;
  const lastStep = app.currentStep !== null && app.steps[app.steps.length - 1] === app.currentStep;
  // Direct registration: the registration authority gives the credit code when it approves.
  const assignsCode = app.kind === 'registration' && lastStep;

  const decide = async (decision: ReviewDecision) => {
    const opinionRequired = decision !== 'approve' || warnings > 0;
    form.setFields([{ name: 'opinion', errors: [] }]);
    const values = await feedback.validate();
    if (!values) return;
    const opinion = values.opinion?.trim();
    if (opinionRequired && !opinion) {
      const msg = decision === 'return' ? t('review.opinionRequiredReturn') : decision === 'reject' ? t('review.opinionRequiredReject') : t('review.opinionWarnings');
      form.setFields([{ name: 'opinion', errors: [msg] }]);
      await feedback.showFirstError();
      return;
    }
    // 同意 takes effect at once and cannot be undone: it is asked first (issue 22 item 10), like 不予通过.
    if (decision === 'approve') {
      const okText = lastStep && !isDeregistration(app.kind) ? t('review.approveLast') : t('review.approve');
      const confirmed = await new Promise<boolean>((resolve) =>
        modal.confirm({
          title: t('review.approveConfirm'),
          content: lastStep && !isDeregistration(app.kind) ? t('review.approveConfirmLast') : t('review.approveConfirmHint'),
          okText,
          cancelText: t('common.cancel'),
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        }),
      );
      if (!confirmed) return;
    }
    review.mutate(
      { decision, opinion: opinion || undefined, creditCode: assignsCode && values.creditCode ? values.creditCode : undefined },
      {
        onSuccess: () => {
          message.success(t(`review.done.${decision}`));
          form.resetFields();
          void offerNext();
        },
        onError: (err) => {
          if (err instanceof ApiError && err.fields) {
            const own = Object.entries(err.fields).filter(([k]) => k === 'opinion' || k === 'creditCode');
            form.setFields(own.map(([k, v]) => ({ name: k as keyof Values, errors: [v] })));
            const rest = Object.entries(err.fields).filter(([k]) => k !== 'opinion' && k !== 'creditCode');
            if (rest.length > 0 || own.length === 0) message.error(rest.length > 0 ? rest.map(([, v]) => v).join('；') : err.message);
          } else message.error(errorMessage(err));
        },
      },
    );
  };

  // After a decision the reviewer is offered their next to-do (the most urgent one), not left on the finished case.
  const offerNext = async () => {
    const list = await queryClient.fetchQuery(applicationsQuery({ queue: 'mine', sort: 'due', page: 1, pageSize: 5 })).catch(() => null);
    const next = list?.items.find((a) => a.id !== app.id && a.currentStep !== null);
    if (!next) return;
    modal.confirm({
      title: t('review.nextTitle'),
      content: t('review.nextContent', { name: next.name }),
      okText: t('review.nextGo'),
      cancelText: t('review.nextStay'),
      onOk: () => navigate(`/applications/${next.id}`),
    });
  };

  return (
    <Card
      size="small"
      className="review-panel"
      title={
        <Space wrap>
          {t('review.title')}
          {app.currentStep && <Typography.Text type="secondary">{t('review.stepInfo', { step: labels.step(app.currentStep) })}</Typography.Text>}
        </Space>
      }
      extra={<DueTag item={app} withDate={false} />}
    >
      {warnings > 0 && <Alert type="warning" showIcon className="page-alert" title={t('review.opinionWarnings')} />}
      <Form {...feedback.formProps} layout="vertical">
        <Form.Item name="opinion" label={t('review.opinion')}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={1000} showCount placeholder={t('review.opinionPlaceholder')} />
        </Form.Item>
        {assignsCode && (
          <Form.Item
            name="creditCode"
            label={t('review.creditCode')}
            normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
            rules={[
              {
                validator: async (_r, v: string | undefined) => {
                  if (!v) return;
                  const p = creditCodeProblem(v);
                  if (p) throw new Error(localValidatorMessage(CREDIT_CODE_MESSAGES[p]));
                },
              },
            ]}
          >
            <Input maxLength={18} className="mono" spellCheck={false} />
          </Form.Item>
        )}
        <Space wrap className="review-buttons">
          <Button type="primary" icon={<CheckOutlined />} loading={review.isPending && review.variables?.decision === 'approve'} onClick={() => decide('approve')}>
            {lastStep && !isDeregistration(app.kind) ? t('review.approveLast') : t('review.approve')}
          </Button>
          <Button icon={<RollbackOutlined />} loading={review.isPending && review.variables?.decision === 'return'} onClick={() => decide('return')}>
            {t('review.return')}
          </Button>
          <Popconfirm
            title={t('review.rejectConfirm')}
            description={t('review.rejectHint')}
            okText={t('review.reject')}
            okButtonProps={{ danger: true }}
            onConfirm={() => decide('reject')}
          >
            <Button danger icon={<StopOutlined />} loading={review.isPending && review.variables?.decision === 'reject'}>
              {t('review.reject')}
            </Button>
          </Popconfirm>
        </Space>
      </Form>
    </Card>
  );
}
