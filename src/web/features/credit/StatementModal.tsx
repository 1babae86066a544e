import { Form, Input, Modal, Typography } from 'antd';
import { useFormFeedback } from '../../lib/form-feedback.js';

/**
 * The confirmation of a credit decision that needs words (an objection, a removal application, listing at once,
 * dismissing a proposal, deciding a request): the text is required; a refusal's field message lands on it.
 * `field` is the server's name of the text (statement, reason, opinion) so its message finds the box.
 */
export function StatementModal({
  open,
  formName,
  title,
  hint,
  label,
  requiredText,
  field,
  okText,
  cancelText,
  danger,
  loading,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  formName: string;
  title: string;
  hint: string;
  label: string;
  /** The words when the box is left empty (the feature's messages). */
  requiredText: string;
  field: 'statement' | 'reason' | 'opinion' | 'evidence';
  okText: string;
  cancelText: string;
  danger?: boolean;
  loading: boolean;
  onCancel: () => void;
  onConfirm: (text: string) => Promise<unknown>;
}) {
  const [form] = Form.useForm<Record<string, string>>();
  const feedback = useFormFeedback(form, { name: formName });
  const confirm = async () => {
    const v = await feedback.validate();
    if (!v) return;
    await onConfirm(v[field]!.trim()).catch((err: unknown) => feedback.showServerError(err));
  };
  return (
    <Modal open={open} title={title} onCancel={onCancel} onOk={confirm} okText={okText} cancelText={cancelText} okButtonProps={{ danger, loading }} destroyOnHidden>
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <Form {...feedback.formProps} layout="vertical">
        <Form.Item name={field} label={label} rules={[{ required: true, whitespace: true, message: requiredText }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
