import { App, Form, Input, Modal, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { ChangePasswordBody } from '../../shared/schemas/auth.js';
import { api } from '../api/client.js';
import { useCurrentUser } from '../auth/session.js';
import { useT } from '../i18n.js';
import { passwordPolicyRule, sameAsRule } from './password-rules.js';
import { useFormFeedback } from '../lib/form-feedback.js';

interface Values extends ChangePasswordBody {
  confirm: string;
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const feedback = useFormFeedback(form, { name: 'changePassword' });
  const change = useMutation({
    mutationFn: (body: ChangePasswordBody) => api<{ ok: true }>('/auth/password', { method: 'POST', body }),
  });

  const submit = async () => {
    const values = await feedback.validate();
    if (!values) return;
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          message.success(t('password.changed'));
          form.resetFields();
          onClose();
        },
        onError: (err) => void feedback.showServerError(err),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('layout.changePassword')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      confirmLoading={change.isPending}
      forceRender
    >
      <Form {...feedback.formProps} layout="vertical" onFinish={submit} autoComplete="off">
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('password.policyHint')}
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: t('password.newRequired') },
            passwordPolicyRule(() => user.username),
            ({ getFieldValue }) => ({
              validator: async (_r, v: string | undefined) => {
                if (v && v === getFieldValue('currentPassword')) throw new Error(t('password.sameAsCurrent'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[{ required: true, message: t('password.confirmRequired') }, sameAsRule('newPassword', t('password.mismatch'))]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Typography.Text type="secondary">{t('password.otherSessionsEnd')}</Typography.Text>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
