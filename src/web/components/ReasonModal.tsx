import { Form, Input, Modal, Typography } from 'antd';
import { useFormFeedback } from '../lib/form-feedback.js';

/**
 * A confirmation that takes an optional reason (withdrawing an application or an annual report): the words come
 * from the feature; `onConfirm` answers a promise, and a refusal's messages land on the reason or in a message.
 */
export function ReasonModal({
  open,
  formName,
  title,
  hint,
  label,
  okText,
  cancelText,
  loading,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  formName: string;
  title: string;
  hint: string;
  label: string;
  okText: string;
  cancelText: string;
  loading: boolean;
  onCancel: () => void;
  onConfirm: (reason: string | undefined) => Promise<unknown>;
}) {
  const [form] = Form.useForm<{ reason?: string }>();
  const feedback = useFormFeedback(form, { name: formName });
  const confirm = async () => {
    const v = await feedback.validate();
    if (!v) return;
    await onConfirm(v.reason?.trim() || undefined).catch((err: unknown) => feedback.showServerError(err));
  };
  return (
    <Modal open={open} title={title} onCancel={onCancel} onOk={confirm} okText={okText} cancelText={cancelText} okButtonProps={{ danger: true, loading }} destroyOnHidden>
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <Form {...feedback.formProps} layout="vertical">
        <Form.Item name="reason" label={label}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
