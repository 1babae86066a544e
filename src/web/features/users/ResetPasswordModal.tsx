import { useLayoutEffect } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { passwordPolicyRule, sameAsRule } from '../../components/password-rules.js';
import { useT } from '../../i18n.js';
import { useResetPassword, type User } from './users.api.js';
import { usersMessages } from './users.messages.js';
import { useFormFeedback } from '../../lib/form-feedback.js';

/** An administrator sets a new password for someone who forgot theirs; their sessions end. */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useT(usersMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const feedback = useFormFeedback(form, { name: 'resetPassword' });
  const reset = useResetPassword();

  // Layout effect: the fields hold the right values before the user can type into them.
  useLayoutEffect(() => {
    if (user) form.resetFields();
  }, [user, form]);

  const submit = async () => {
    if (!user) return;
    const values = await feedback.validate();
    if (!values) return;
    const { password } = values;
    reset.mutate(
      { id: user.id, password },
      {
        onSuccess: () => {
          message.success(t('users.passwordReset', { name: user.displayName }));
          onClose();
        },
        onError: (err) => void feedback.showServerError(err),
      },
    );
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('users.resetPasswordTitle', { name: `${user.displayName}（${user.username}）` }) : ''}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={reset.isPending}
      forceRender
    >
      <Alert type="warning" showIcon title={t('users.resetPasswordHint')} className="modal-alert" />
      <Form {...feedback.formProps} layout="vertical" onFinish={submit} autoComplete="off">
        <Form.Item
          name="password"
          label={t('password.new')}
          extra={t('password.policyHint')}
          rules={[{ required: true, message: t('users.passwordRequired') }, passwordPolicyRule(() => user?.username)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('users.confirmPassword')}
          dependencies={['password']}
          rules={[{ required: true, message: t('users.confirmRequired') }, sameAsRule('password', t('password.mismatch'))]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
