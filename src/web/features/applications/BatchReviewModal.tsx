import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import type { ReviewDecision } from '../../../shared/enums.js';
import { errorMessage } from '../../api/client.js';
import { useBatchReview, type ApplicationListItem, type BatchResult } from './applications.api.js';
import { useT } from '../../i18n.js';
import { applicationsMessages } from './applications.messages.js';
import { useFormFeedback } from '../../lib/form-feedback.js';

const DECISION_KEY = { approve: 'batch.approve', return: 'batch.return', reject: 'batch.reject' } as const;

/** One opinion for several applications; each is decided on its own and the outcome is listed per item. */
export function BatchReviewModal({ decision, items, onClose }: { decision: ReviewDecision; items: ApplicationListItem[]; onClose: (done: boolean) => void }) {
  const t = useT(applicationsMessages);
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ opinion?: string }>();
  const feedback = useFormFeedback(form, { name: 'batchReview' });
  const batch = useBatchReview();
  const [result, setResult] = useState<BatchResult | null>(null);
  const names = new Map(items.map((a) => [a.id, a.name]));
  const needsOpinion = decision !== 'approve';

  const run = async () => {
    const values = await feedback.validate();
    if (!values) return;
    const go = () =>
      batch.mutate(
        { ids: items.map((a) => a.id), decision, opinion: values.opinion?.trim() || undefined },
        { onSuccess: setResult },
      );
    if (decision === 'reject') {
      modal.confirm({
        title: t('batch.rejectConfirm', { n: items.length }),
        okText: t('review.reject'),
        okButtonProps: { danger: true },
        onOk: go,
      });
    } else go();
  };

  if (result) {
    const ok = result.items.filter((r) => r.ok).length;
    return (
      <Modal open title={t('batch.results', { ok, fail: result.items.length - ok })} onCancel={() => onClose(true)} onOk={() => onClose(true)} okText={t('batch.done')} cancelButtonProps={{ style: { display: 'none' } }} width={640}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={result.items}
          columns={[
            { title: t('col.id'), dataIndex: 'id', width: 64, render: (id: number) => <span className="mono">{id}</span> },
            { title: t('col.name'), dataIndex: 'id', key: 'name', render: (id: number) => names.get(id) ?? '' },
            {
              title: t('col.status'),
              key: 'ok',
              render: (_: unknown, r) =>
                r.ok ? (
                  <Tag color="success" icon={<CheckCircleOutlined />}>
                    {t('batch.ok')}
                  </Tag>
                ) : (
                  <div>
                    <Tag color="error" icon={<CloseCircleOutlined />}>
                      {t('batch.fail')}
                    </Tag>
                    <Typography.Text type="danger">{r.message}</Typography.Text>
                  </div>
                ),
            },
          ]}
        />
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={t('batch.title', { decision: t(DECISION_KEY[decision]), n: items.length })}
      onCancel={() => onClose(false)}
      onOk={run}
      okText={t(DECISION_KEY[decision])}
      okButtonProps={{ danger: decision === 'reject', loading: batch.isPending }}
      width={560}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('batch.hint')}</Typography.Paragraph>
      <ul className="batch-list">
        {items.map((a) => (
          <li key={a.id}>
            <span className="mono">#{a.id}</span> {a.name}
          </li>
        ))}
      </ul>
      {decision === 'approve' && <Alert type="info" showIcon className="page-alert" title={t('batch.approveHint')} />}
      {batch.isError && <Alert type="error" showIcon className="page-alert" title={errorMessage(batch.error)} />}
      <Form {...feedback.formProps} layout="vertical">
        <Form.Item
          name="opinion"
          label={t('review.opinion')}
          rules={needsOpinion ? [{ required: true, whitespace: true, message: t('review.opinionRequired') }] : []}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={1000} showCount placeholder={t('review.opinionPlaceholder')} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
