import { Form, Input, Modal, Typography } from 'antd';
import { useFormFeedback } from '../lib/form-feedback.js';

/**
 * A confirmation that takes a reason (withdrawing an application or an annual report; a credit decision's statement,
 * reason or opinion): the words come from the feature; `onConfirm` answers a promise, and a refusal's messages land
 * on the text or in a message. The text is optional unless `requiredText` (the words for an empty box) is given;
 * `field` is the server's name of the text (default `reason`), so a field message from the server finds the box.
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
  field = 'reason',
  requiredText,
  danger = true,
  maxLength = 500,
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
  field?: string;
  requiredText?: string;
  danger?: boolean;
  maxLength?: number;
}) {
  const [form] = Form.useForm<Record<string, string | undefined>>();
  const feedback = useFormFeedback(form, { name: formName });
  const confirm = async () => {
    const v = await feedback.validate();
    if (!v) return;
    await onConfirm(v[field]?.trim() || undefined).catch((err: unknown) => feedback.showServerError(err));
  };
  return (
    <Modal open={open} title={title} onCancel={onCancel} onOk={confirm} okText={okText} cancelText={cancelText} okButtonProps={{ danger, loading }} destroyOnHidden>
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <Form {...feedback.formProps} layout="vertical">
        <Form.Item name={field} label={label} rules={requiredText ? [{ required: true, whitespace: true, message: requiredText }] : []}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={maxLength} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
