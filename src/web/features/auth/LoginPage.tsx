import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginBody } from '../../../shared/schemas/auth.js';
import { errorMessage } from '../../api/client.js';
import { FullPageSpin, safeNext, useLogin, useSession } from '../../auth/session.js';
import { useT } from '../../i18n.js';
import { useFormFeedback } from '../../lib/form-feedback.js';
import { AuthCard } from './AuthCard.js';
import { authMessages } from './auth.messages.js';
import { usePageTitle } from '../../lib/page-title.js';

export default function LoginPage() {
  const t = useT(authMessages);
  usePageTitle(t('auth.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const login = useLogin();
  const [form] = Form.useForm<LoginBody>();
  const feedback = useFormFeedback(form, {});
  const next = safeNext(params.get('next'));

  if (session.isPending) return <FullPageSpin />;
  if (session.data) return <Navigate to={next} replace />;

  const submit = (values: LoginBody) => {
    login.mutate(
      { username: values.username.trim(), password: values.password },
      {
        onSuccess: () => navigate(next, { replace: true }),
        // A wrong password is cleared so the next try starts clean; the username stays.
        onError: () => {
          form.setFieldValue('password', '');
          form.focusField('password');
        },
      },
    );
  };

  return (
    <AuthCard footer={<div className="login-footer">{t('auth.footer')}</div>}>
      <Typography.Title level={5} className="login-subtitle">
        {t('auth.title')}
      </Typography.Title>
      {login.isError && (
        <Alert className="login-error" type="error" showIcon title={errorMessage(login.error)} role="alert" />
      )}
      <Form
        {...feedback.formProps}
        layout="vertical"
        size="large"
        onFinish={submit}
        initialValues={{ username: params.get('username') ?? '' }}
      >
        <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus autoCapitalize="none" spellCheck={false} />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Form.Item className="login-submit">
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('auth.submit')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Text type="secondary" className="login-hint">
        {t('auth.hint')}
      </Typography.Text>
      <div className="login-links">
        <Link to="/signup">{t('auth.signup')}</Link>
        <Link to="/verify">{t('auth.verify')}</Link>
      </div>
    </AuthCard>
  );
}
