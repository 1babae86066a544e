import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { CheckOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import type { ReviewDecision } from '../../../shared/enums.js';
import { CREDIT_CODE_MESSAGES, creditCodeProblem } from '../../../shared/validators.js';
import { localValidatorMessage } from '../../server.messages.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { useAppLabels, applicationsMessages } from './applications.messages.js';
import { DueTag, isDeregistration } from './app-tags.js';
import { useReviewApplication, type Application } from './applications.api.js';
import { useT } from '../../i18n.js';

interface Values {
  opinion?: string;
  creditCode?: string;
}

/** The opinion box of the reviewer whose step it is: approve, return for correction, or reject (confirmed first). */
export function ReviewPanel({ app }: { app: Application }) {
  const t = useT(applicationsMessages);
  const labels = useAppLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const review = useReviewApplication(app.id);
  const warnings = app.checks.filter((c) => c.level === 'warning').length;
  const lastStep = app.currentStep !== null && app.steps[app.steps.length - 1] === app.currentStep;
  // Direct registration: the registration authority gives the credit code when it approves.
  const assignsCode = app.kind === 'registration' && lastStep;

  const decide = async (decision: ReviewDecision) => {
    const opinionRequired = decision !== 'approve' || warnings > 0;
    form.setFields([{ name: 'opinion', errors: [] }]);
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const opinion = values.opinion?.trim();
    if (opinionRequired && !opinion) {
      const msg = decision === 'return' ? t('review.opinionRequiredReturn') : decision === 'reject' ? t('review.opinionRequiredReject') : t('review.opinionWarnings');
      form.setFields([{ name: 'opinion', errors: [msg] }]);
      form.focusField('opinion');
      return;
    }
    review.mutate(
      { decision, opinion: opinion || undefined, creditCode: assignsCode && values.creditCode ? values.creditCode : undefined },
      {
        onSuccess: () => {
          message.success(t(`review.done.${decision}`));
          form.resetFields();
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
      <Form form={form} layout="vertical" name="review" requiredMark={false}>
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
