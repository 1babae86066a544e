import { useLayoutEffect } from 'react';
import { App, Col, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { ROLES, ROLE_NODE_LEVELS, type Role } from '../../../shared/enums.js';
import type { UserCreateBody, UserUpdateBody } from '../../../shared/schemas/users.js';
import { useCurrentUser } from '../../auth/session.js';
import { passwordPolicyRule, sameAsRule } from '../../components/password-rules.js';
import { RegionSelect } from '../regions/RegionSelect.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { useCreateUser, useUpdateUser, type User } from './users.api.js';
import { usersMessages } from './users.messages.js';
import { isValidPhone } from '../../../shared/validators.js';
import { useFormFeedback } from '../../lib/form-feedback.js';

// The same pattern as the server's UserCreateBody (src/shared/schemas/users.ts), checked while typing; the phone
// goes through the one phone rule of src/shared/validators.ts, as on the server.
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

interface Values {
  username: string;
  displayName: string;
  role?: Role;
  regionCode?: string | null;
  phone?: string;
  password?: string;
  confirm?: string;
}

interface Props {
  open: boolean;
  /** The account to edit; null = a new account. */
  user: User | null;
  onClose: () => void;
}

export function UserFormModal({ open, user, onClose }: Props) {
  const t = useT(usersMessages);
  const labels = useEnumLabels();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const feedback = useFormFeedback(form, { name: 'userForm' });
  const role = Form.useWatch('role', form);
  const create = useCreateUser();
  const update = useUpdateUser();
  const editing = user !== null;
  const self = editing && user.id === me.id;

  // Layout effect: the fields hold the right values before the user can type into them.
  useLayoutEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      user
        ? { username: user.username, displayName: user.displayName, role: user.role, regionCode: user.region?.code ?? null, phone: user.phone ?? '' }
        : { regionCode: null },
    );
  }, [open, user, form]);

  const levels = role ? ROLE_NODE_LEVELS[role] : undefined;
  const regionHint =
    levels === undefined
      ? undefined
      : levels === null
        ? t('users.regionOptional')
        : t('users.regionHint', { levels: levels.map((l) => labels.level(l)).join(' / ') });

  const fail = (err: unknown) => void feedback.showServerError(err);

  const submit = async () => {
    const v = await feedback.validate();
    if (!v) return;
    const phone = v.phone?.trim() ? v.phone.trim() : null;
    if (!editing) {
      const body: UserCreateBody = {
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        role: v.role!,
        regionCode: v.regionCode ?? null,
        phone,
        password: v.password!,
      };
      create.mutate(body, {
        onSuccess: (created) => {
          message.success(t('users.created', { name: created.username }));
          onClose();
        },
        onError: fail,
      });
      return;
    }
    // Only what changed goes to the server, so the audit log shows exactly what was edited.
    const body: UserUpdateBody = {};
    if (v.displayName.trim() !== user.displayName) body.displayName = v.displayName.trim();
    if (v.role !== user.role) body.role = v.role;
    if ((v.regionCode ?? null) !== (user.region?.code ?? null)) body.regionCode = v.regionCode ?? null;
    if (phone !== user.phone) body.phone = phone;
    if (Object.keys(body).length === 0) {
      message.info(t('users.nothingChanged'));
      onClose();
      return;
    }
    update.mutate(
      { id: user.id, body },
      {
        onSuccess: () => {
          message.success(t('users.saved'));
          onClose();
        },
        onError: fail,
      },
    );
  };

  return (
    <Modal
      open={open}
      title={editing ? t('users.editTitle', { name: user.displayName }) : t('users.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      forceRender
      width={640}
    >
      <Form {...feedback.formProps} layout="vertical" onFinish={submit} autoComplete="off">
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            {editing ? (
              // `required` only keeps the "optional" mark off a value that cannot be edited.
              <Form.Item label={t('users.username')} required>
                <Typography.Text strong>{user.username}</Typography.Text>
              </Form.Item>
            ) : (
              <Form.Item
                name="username"
                label={t('users.username')}
                normalize={(v: string) => v.toLowerCase().replace(/\s/g, '')}
                rules={[
                  { required: true, message: t('users.usernameRequired') },
                  { pattern: USERNAME, message: t('users.usernameRule') },
                ]}
              >
                <Input
                  placeholder={t('users.usernamePlaceholder')}
                  autoComplete="off"
                  autoCapitalize="none"
                  spellCheck={false}
                  maxLength={40}
                />
              </Form.Item>
            )}
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="displayName"
              label={t('users.displayName')}
              rules={[
                { required: true, whitespace: true, message: t('users.displayNameRequired') },
                {
                  validator: async (_r, v: string | undefined) => {
                    const n = v?.trim().length ?? 0;
                    if (n > 0 && (n < 2 || n > 40)) throw new Error(t('users.displayNameRule'));
                  },
                },
              ]}
            >
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
              <Select
                disabled={self}
                options={ROLES.map((r) => ({ value: r, label: labels.role(r) }))}
                onChange={() => form.getFieldValue('regionCode') && form.validateFields(['regionCode']).catch(() => {})}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="phone"
              label={t('users.phone')}
              // The stored phone comes masked (it is sealed at rest): left as it is, it is kept, not sent, and not checked.
              rules={[{ validator: async (_r, v: string | undefined) => { if (v?.trim() && v.trim() !== user?.phone && !isValidPhone(v)) throw new Error(t('users.phoneRule')); } }]}
            >
              <Input inputMode="tel" maxLength={30} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="regionCode"
          label={t('users.region')}
          required={!!levels}
          dependencies={['role']}
          extra={regionHint}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_r, v: string | null | undefined) => {
                const r = getFieldValue('role') as Role | undefined;
                if (r && ROLE_NODE_LEVELS[r] !== null && !v) throw new Error(t('users.regionRequired'));
              },
            }),
          ]}
        >
          <RegionSelect
            allowClear
            initial={user?.region ?? null}
            isDisabled={(hit) => !!levels && !levels.includes(hit.level)}
            disabledNote={t('users.regionLevelMismatch')}
          />
        </Form.Item>
        {!editing && (
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item
                name="password"
                label={t('users.password')}
                dependencies={['username']}
                rules={[
                  { required: true, message: t('users.passwordRequired') },
                  passwordPolicyRule(() => form.getFieldValue('username')),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name="confirm"
                label={t('users.confirmPassword')}
                dependencies={['password']}
                rules={[{ required: true, message: t('users.confirmRequired') }, sameAsRule('password', t('password.mismatch'))]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Typography.Paragraph type="secondary" className="form-note">
                {t('password.policyHint')}
              </Typography.Paragraph>
            </Col>
          </Row>
        )}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
