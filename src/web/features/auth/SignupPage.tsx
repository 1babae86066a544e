import { useCallback, useState } from 'react';
import { Link, Navigate } from 'react-router-dom';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Result, Typography } from 'antd';
import { LockOutlined, PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { PHONE_MESSAGE, isValidPhone } from '../../../shared/validators.js';
import { api, applyFieldErrors, errorMessage } from '../../api/client.js';
import { FullPageSpin, useSession } from '../../auth/session.js';
import { passwordPolicyRule, sameAsRule } from '../../components/password-rules.js';
import { useLang, useT } from '../../i18n.js';
import { AuthCard } from './AuthCard.js';
import { CommunitySelect } from './CommunitySelect.js';

const messages = {
  title: ['申请人注册', 'Applicant sign-up'],
  intro: [
    '社会组织负责人（或发起人）注册后，可在线办理社区社会组织成立备案、直接登记及变更、注销申请，并随时查看办理进度。工作人员账号由单位系统管理员开设，无需在此注册。',
    'Leaders (or founders) of social organizations sign up here to file, register, change or deregister online and follow their applications. Staff accounts are opened by the system administrator.',
  ],
  username: ['用户名', 'Username'],
  usernameHint: ['3–40 位小写字母、数字或 . _ -，登录时使用', '3–40 lower-case letters, digits or . _ -'],
  usernameRule: ['用户名为 3–40 位小写字母、数字、点、下划线或连字符，以字母或数字开头', 'Username: 3–40 lower-case letters, digits or . _ -, starting with a letter or digit'],
  displayName: ['真实姓名', 'Full name'],
  displayNameRule: ['请填写 2–40 个字的姓名', 'Enter your name (2–40 characters)'],
  phone: ['手机号', 'Mobile phone'],
  phoneRequired: ['请填写手机号', 'Enter your phone number'],
  password: ['密码', 'Password'],
  passwordRequired: ['请设置密码', 'Choose a password'],
  confirm: ['确认密码', 'Confirm password'],
  confirmRequired: ['请再次输入密码', 'Enter the password again'],
  mismatch: ['两次输入的密码不一致', 'The two passwords differ'],
  region: ['组织所在社区（村）', 'Community (village) of the organization'],
  regionRule: ['请选择组织所在的社区（村）', 'Choose the community or village'],
  regionPlaceholder: ['输入社区名称、拼音首字母或 12 位代码查找', 'Type a name, pinyin initials or the 12-digit code'],
  regionHint: [
    '您的申请将由该社区预审、所在街道审查备案。例如：仓口社区（吉州区文山街道，360802003009）。',
    'Your applications are pre-reviewed by this community and reviewed by its street office (e.g. 仓口社区, 360802003009).',
  ],
  regionEmpty: ['没有匹配的社区（村）', 'No matching community'],
  regionTypeMore: ['请输入名称、拼音或代码', 'Type a name, pinyin or code'],
  submit: ['注册', 'Sign up'],
  haveAccount: ['已有账号？', 'Have an account? '],
  toLogin: ['返回登录', 'Sign in'],
  done: ['注册成功', 'You are signed up'],
  doneHint: ['请使用用户名 {username} 登录，然后新建申请。', 'Sign in as {username} and start an application.'],
  goLogin: ['去登录', 'Sign in'],
  verify: ['证书核验', 'Verify a certificate'],
  publicRegister: ['社会组织信息公示', 'Public register'],
} as const;

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
  const t = useT();
  const { lang } = useLang();
  const s = useCallback((k: keyof typeof messages, vars?: Record<string, string>) => {
    const text: string = messages[k][lang === 'zh' ? 0 : 1];
    return vars ? text.replace(/\{(\w+)\}/g, (m, n: string) => vars[n] ?? m) : text;
  }, [lang]);
  const session = useSession();
  const [form] = Form.useForm<Values>();
  const [done, setDone] = useState<string | null>(null);
  const signup = useMutation({
    mutationFn: (body: Omit<Values, 'confirm'>) => api<{ username: string }>('/public/signup', { method: 'POST', body, allowUnauthorized: true }),
  });

  if (session.isPending) return <FullPageSpin />;
  if (session.data) return <Navigate to="/" replace />;

  const submit = (v: Values) =>
    signup.mutate(
      { username: v.username.trim().toLowerCase(), displayName: v.displayName.trim(), phone: v.phone.trim(), password: v.password, regionCode: v.regionCode.trim() },
      {
        onSuccess: (user) => setDone(user.username),
        onError: (err) => {
          const rest = applyFieldErrors(form, err);
          if (rest.length === 0) signup.reset();
        },
      },
    );

  return (
    <AuthCard className="signup-card">
      {done ? (
        <Result
          status="success"
          title={s('done')}
          subTitle={s('doneHint', { username: done })}
          extra={
            <Link to={`/login?username=${encodeURIComponent(done)}`}>
              <Button type="primary">{s('goLogin')}</Button>
            </Link>
          }
        />
      ) : (
        <>
          <Typography.Title level={5} className="login-subtitle">
            {s('title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" className="signup-intro">
            {s('intro')}
          </Typography.Paragraph>
          {signup.isError && <Alert className="login-error" type="error" showIcon title={errorMessage(signup.error)} role="alert" />}
          <Form form={form} layout="vertical" name="signup" onFinish={submit} requiredMark={false} autoComplete="on">
            <Form.Item
              name="username"
              label={s('username')}
              extra={s('usernameHint')}
              normalize={(v: string) => v.toLowerCase()}
              rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9._-]{2,39}$/, message: s('usernameRule') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" spellCheck={false} maxLength={40} />
            </Form.Item>
            <Form.Item name="displayName" label={s('displayName')} rules={[{ required: true, whitespace: true, min: 2, max: 40, message: s('displayNameRule') }]}>
              <Input autoComplete="name" maxLength={40} />
            </Form.Item>
            <Form.Item
              name="phone"
              label={s('phone')}
              validateDebounce={300}
              rules={[
                { required: true, whitespace: true, message: s('phoneRequired') },
                { validator: async (_r, v: string | undefined) => { if (v?.trim() && !isValidPhone(v)) throw new Error(PHONE_MESSAGE); } },
              ]}
            >
              <Input prefix={<PhoneOutlined />} inputMode="tel" autoComplete="tel" maxLength={30} />
            </Form.Item>
            <Form.Item
              name="password"
              label={s('password')}
              extra={t('password.policyHint')}
              rules={[{ required: true, message: s('passwordRequired') }, passwordPolicyRule(() => form.getFieldValue('username') as string | undefined)]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="new-password" maxLength={128} />
            </Form.Item>
            <Form.Item name="confirm" label={s('confirm')} dependencies={['password']} rules={[{ required: true, message: s('confirmRequired') }, sameAsRule('password', s('mismatch'))]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="new-password" maxLength={128} />
            </Form.Item>
            <Form.Item name="regionCode" label={s('region')} extra={s('regionHint')} rules={[{ required: true, pattern: /^\d{12}$/, message: s('regionRule') }]}>
              <CommunitySelect placeholder={s('regionPlaceholder')} empty={s('regionEmpty')} typeMore={s('regionTypeMore')} />
            </Form.Item>
            <Form.Item className="login-submit">
              <Button type="primary" htmlType="submit" block size="large" loading={signup.isPending}>
                {s('submit')}
              </Button>
            </Form.Item>
          </Form>
        </>
      )}
      <Typography.Text type="secondary" className="login-hint">
        {s('haveAccount')}
        <Link to="/login">{s('toLogin')}</Link>
        {' · '}
        <Link to="/verify">{s('verify')}</Link>
        {' · '}
        <Link to="/public">{s('publicRegister')}</Link>
      </Typography.Text>
    </AuthCard>
  );
}
