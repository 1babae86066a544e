import { useRef, useState } from 'react';
import { Link, Navigate } from 'react-router-dom';
import { Alert, Button, Form, Input, Result, Typography } from 'antd';
import { LockOutlined, PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { PHONE_MESSAGE, isValidPhone } from '../../../shared/validators.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { FullPageSpin, useLogin, useSession } from '../../auth/session.js';
import { passwordPolicyRule, sameAsRule } from '../../components/password-rules.js';
import { useT } from '../../i18n.js';
import { useFormFeedback } from '../../lib/form-feedback.js';
import { AuthCard } from './AuthCard.js';
import { CommunitySelect } from './CommunitySelect.js';
import { useSignup } from './auth.api.js';
import { authMessages } from './auth.messages.js';

interface Values {
  username: string;
  displayName: string;
  phone: string;
  password: string;
  confirm: string;
  regionCode: string;
}

/** `/signup`: an organization's leader opens an applicant account (no login; staff accounts are never made here). */
export default function SignupPage() {
  const t = useT(authMessages);
  const session = useSession();
  const [form] = Form.useForm<Values>();
  const feedback = useFormFeedback(form, { name: 'signup' });
  const [done, setDone] = useState<string | null>(null);
  const signup = useSignup();
  const login = useLogin();
  // Set before the automatic sign-in: the session that follows sends the new applicant to a new application.
  const signedUp = useRef(false);

  if (session.isPending) return <FullPageSpin />;
  if (session.data) return <Navigate to={signedUp.current ? '/applications/new' : '/'} replace />;

  const submit = (v: Values) =>
    signup.mutate(
      { username: v.username.trim().toLowerCase(), displayName: v.displayName.trim(), phone: v.phone.trim(), password: v.password, regionCode: v.regionCode.trim() },
      {
        // The new applicant is signed in at once and goes to start an application (issue 22 item 10); should the
        // sign-in fail, the account exists all the same and the page says so with a link to the login form.
        onSuccess: (user) => {
          signedUp.current = true;
          login.mutate({ username: user.username, password: v.password }, { onError: () => setDone(user.username) });
        },
        onError: (err) => {
          // Field messages land on their fields (scrolled to and focused); any other error shows in the alert above.
          if (err instanceof ApiError && err.fields) {
            signup.reset();
            void feedback.showServerError(err);
          }
        },
      },
    );

  return (
    <AuthCard className="signup-card">
      {done ? (
        <Result
          status="success"
          title={t('signup.done')}
          subTitle={t('signup.doneHint', { username: done })}
          extra={
            <Link to={`/login?username=${encodeURIComponent(done)}`}>
              <Button type="primary">{t('signup.goLogin')}</Button>
            </Link>
          }
        />
      ) : (
        <>
          <Typography.Title level={5} className="login-subtitle">
            {t('signup.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" className="signup-intro">
            {t('signup.intro')}
          </Typography.Paragraph>
          {signup.isError && <Alert className="login-error" type="error" showIcon title={errorMessage(signup.error)} role="alert" />}
          <Form {...feedback.formProps} layout="vertical" onFinish={submit} autoComplete="on">
            <Form.Item
              name="username"
              label={t('signup.username')}
              extra={t('signup.usernameHint')}
              normalize={(v: string) => v.toLowerCase()}
              rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9._-]{2,39}$/, message: t('signup.usernameRule') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" spellCheck={false} maxLength={40} />
            </Form.Item>
            <Form.Item name="displayName" label={t('signup.displayName')} rules={[{ required: true, whitespace: true, min: 2, max: 40, message: t('signup.displayNameRule') }]}>
              <Input autoComplete="name" maxLength={40} />
            </Form.Item>
            <Form.Item
              name="phone"
              label={t('signup.phone')}
              validateDebounce={300}
              rules={[
                { required: true, whitespace: true, message: t('signup.phoneRequired') },
                { validator: async (_r, v: string | undefined) => { if (v?.trim() && !isValidPhone(v)) throw new Error(PHONE_MESSAGE); } },
              ]}
            >
              <Input prefix={<PhoneOutlined />} inputMode="tel" autoComplete="tel" maxLength={30} />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('signup.password')}
              extra={t('password.policyHint')}
              rules={[{ required: true, message: t('signup.passwordRequired') }, passwordPolicyRule(() => form.getFieldValue('username') as string | undefined)]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="new-password" maxLength={128} />
            </Form.Item>
            <Form.Item name="confirm" label={t('signup.confirm')} dependencies={['password']} rules={[{ required: true, message: t('signup.confirmRequired') }, sameAsRule('password', t('password.mismatch'))]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="new-password" maxLength={128} />
            </Form.Item>
            <Form.Item name="regionCode" label={t('signup.region')} extra={t('signup.regionHint')} rules={[{ required: true, pattern: /^\d{12}$/, message: t('signup.regionRule') }]}>
              <CommunitySelect placeholder={t('signup.regionPlaceholder')} empty={t('signup.regionEmpty')} typeMore={t('signup.regionTypeMore')} />
            </Form.Item>
            <Form.Item className="login-submit">
              <Button type="primary" htmlType="submit" block size="large" loading={signup.isPending || login.isPending}>
                {t('signup.submit')}
              </Button>
            </Form.Item>
          </Form>
        </>
      )}
      <Typography.Text type="secondary" className="login-hint">
        {t('signup.haveAccount')}
        <Link to="/login">{t('signup.toLogin')}</Link>
        {' · '}
        <Link to="/verify">{t('signup.verify')}</Link>
        {' · '}
        <Link to="/public">{t('signup.publicRegister')}</Link>
      </Typography.Text>
    </AuthCard>
  );
}
