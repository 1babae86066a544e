import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Radio, Space, Typography } from 'antd';
import { CheckOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import type { ReviewDecision } from '../../../shared/enums.js';
import { CONCLUSIONS } from '../../../shared/schemas/annual-reports.js';
import { Data } from '../../components/Data.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { useFormFeedback } from '../../lib/form-feedback.js';
import { reviewsQuery } from '../reviews/reviews.api.js';
import { useReviewReport, type AnnualReport, type Conclusion } from './annual-reports.api.js';
import { annualMessages, useAnnualLabels } from './annual-reports.messages.js';

interface Values {
  conclusion?: Conclusion;
  opinion?: string;
}

/**
 * The reviewer's box at their step: at the last step (the district's inspection of a registered organization, the
 * street's review of a filed one) the conclusion 合格 / 基本合格 / 不合格 with an opinion; before it, approve to the
 * next step; at any step, return for correction or reject with a reason.
 */
export function ReportReviewPanel({ report }: { report: AnnualReport }) {
  const t = useT(annualMessages);
  const labels = useAnnualLabels();
  const enumLabels = useEnumLabels();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const feedback = useFormFeedback(form, { name: 'arReview' });
  const review = useReviewReport(report.id);
  const concludes = report.can.conclude;
  const registered = report.legalForm !== 'filed';

  const decide = async (decision: ReviewDecision) => {
    form.setFields([{ name: 'opinion', errors: [] }, { name: 'conclusion', errors: [] }]);
    const values = form.getFieldsValue();
    const opinion = values.opinion?.trim();
    const problems: { name: keyof Values; errors: string[] }[] = [];
    if (decision === 'approve' && concludes && !values.conclusion) problems.push({ name: 'conclusion', errors: [t('review.conclusionRequired')] });
    if (decision !== 'approve' && !opinion) problems.push({ name: 'opinion', errors: [t('review.opinionRequired')] });
    if (decision === 'approve' && concludes && values.conclusion && values.conclusion !== 'pass' && !opinion) problems.push({ name: 'opinion', errors: [t('review.opinionRequiredFail')] });
    if (problems.length > 0) {
      form.setFields(problems);
      await feedback.showFirstError();
      return;
    }
    if (decision === 'approve' && concludes) {
      const ok = await new Promise<boolean>((resolve) =>
        modal.confirm({
          title: t('review.concludeConfirm', { conclusion: labels.conclusion(values.conclusion!) }),
          content: t('review.concludeHint'),
          okText: t('review.conclude'),
          cancelText: t('common.cancel'),
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        }),
      );
      if (!ok) return;
    }
    review.mutate(
      { decision, conclusion: decision === 'approve' && concludes ? values.conclusion : undefined, opinion: opinion || undefined, version: report.version },
      {
        onSuccess: () => {
          void message.success(t(decision === 'approve' ? (concludes ? 'review.done.conclude' : 'review.done.approve') : decision === 'return' ? 'review.done.return' : 'review.done.reject'));
          form.resetFields();
          void offerNext();
        },
        onError: (err) => void feedback.showServerError(err, { map: (k) => (k === 'opinion' || k === 'conclusion' ? k : null) }),
      },
    );
  };

  // After a decision the reviewer is offered their next report, not left on the finished one.
  const offerNext = async () => {
    const list = await queryClient.fetchQuery(reviewsQuery({ queue: 'mine', kind: 'annual_report', sort: 'due', page: 1, pageSize: 5 })).catch(() => null);
    const next = list?.items.find((i) => i.link !== `/annual-reports/${report.id}`);
    if (!next) return;
    modal.confirm({
      title: t('review.next'),
      content: <Data>{next.title}</Data>,
      okText: t('review.nextGo'),
      cancelText: t('review.nextStay'),
      onOk: () => navigate(next.link),
    });
  };

  const busy = (d: ReviewDecision) => review.isPending && review.variables?.decision === d;
  return (
    <Card
      size="small"
      className="review-panel ar-review-panel"
      title={concludes ? t('review.titleInspect') : t('review.title')}
      extra={report.review?.currentStep && <Typography.Text type="secondary">{t('review.step', { step: enumLabels.reviewStep(report.review.currentStep) })}</Typography.Text>}
      data-testid="review-panel"
    >
      <Alert type="info" showIcon className="page-alert" title={registered ? t('review.inspectNote') : t('review.chainNote')} />
      <Form {...feedback.formProps} layout="vertical">
        {concludes && (
          <Form.Item name="conclusion" label={t('review.conclusion')} required>
            <Radio.Group optionType="button" buttonStyle="solid" options={CONCLUSIONS.map((c) => ({ value: c, label: labels.conclusion(c) }))} className="ar-conclusion-choice" />
          </Form.Item>
        )}
        <Form.Item name="opinion" label={t('review.opinion')}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={1000} showCount placeholder={t('review.opinionPlaceholder')} />
        </Form.Item>
        <Space wrap className="ar-review-buttons">
          <Button type="primary" icon={<CheckOutlined />} loading={busy('approve')} onClick={() => decide('approve')} data-testid="approve">
            {concludes ? t('review.conclude') : t('review.approve')}
          </Button>
          <Button icon={<RollbackOutlined />} loading={busy('return')} onClick={() => decide('return')}>
            {t('review.return')}
          </Button>
          <Popconfirm title={t('review.rejectConfirm')} description={t('review.rejectHint')} okText={t('review.reject')} okButtonProps={{ danger: true }} onConfirm={() => decide('reject')}>
            <Button danger icon={<StopOutlined />} loading={busy('reject')}>
              {t('review.reject')}
            </Button>
          </Popconfirm>
        </Space>
      </Form>
    </Card>
  );
}
