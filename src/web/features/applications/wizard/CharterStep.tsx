import { App, Button, Form, Input, Space, type FormInstance } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useCurrentUser } from '../../../auth/session.js';
import { useT } from '../../../i18n.js';
import { useOrgFieldLabel } from '../../orgs/orgs.messages.js';
import { isEstablishment } from '../app-tags.js';
import type { Application } from '../applications.api.js';
import { applicationsMessages } from '../applications.messages.js';
import { charterTemplate, type Values } from './wizard-form.js';

/** Step 章程: purpose, activities, venue and the charter's text, with a model charter and what it still lacks. */
export function CharterStep({ app, form, onDirty }: { app: Application; form: FormInstance<Values>; onDirty: () => void }) {
  const t = useT(applicationsMessages);
  const fieldLabel = useOrgFieldLabel();
  const user = useCurrentUser();
  const { modal } = App.useApp();
  const establishment = isEstablishment(app.kind);
  const leaderName = Form.useWatch(['org', 'leaderName'], form);
  const charter = Form.useWatch('charter', form);
  const charterText = charter ?? '';
  const charterChecks = [
    { ok: !!leaderName?.trim() && charterText.includes(leaderName.trim()), label: leaderName?.trim() ? t('wizard.charterLeader', { name: leaderName.trim() }) : t('wizard.charterLeaderUnknown') },
    { ok: /宗旨/.test(charterText), label: t('wizard.charterPurpose') },
    { ok: /活动|业务范围/.test(charterText), label: t('wizard.charterActivities') },
  ];

  const insertTemplate = () => {
    const v = form.getFieldsValue(true) as Values;
    const tpl = charterTemplate(v.org ?? {}, user.regionPath.find((r) => r.level === 4)?.name);
    const apply = () => {
      form.setFieldValue('charter', tpl);
      onDirty();
    };
    if (charterText.trim()) modal.confirm({ title: t('wizard.charterTemplateConfirm'), onOk: apply, cancelText: t('common.cancel') });
    else apply();
  };

  return (
    <>
      <Form.Item name={['org', 'purpose']} label={fieldLabel('purpose')} rules={establishment ? [{ required: true, whitespace: true, message: t('wizard.rule.purpose') }] : []}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name={['org', 'activities']} label={fieldLabel('activities')} rules={establishment ? [{ required: true, whitespace: true, message: t('wizard.rule.activities') }] : []}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} showCount />
      </Form.Item>
      <Form.Item name={['org', 'venue']} label={fieldLabel('venue')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="charter"
        label={
          <Space>
            {t('wizard.charterText')}
            <Button size="small" type="link" onClick={insertTemplate}>
              {t('wizard.charterTemplate')}
            </Button>
          </Space>
        }
        rules={establishment ? [{ required: true, whitespace: true, message: t('wizard.charterRequired') }] : []}
        extra={
          establishment && (
            <div className="charter-checks" aria-live="polite">
              {t('wizard.charterChecks')}
              {charterChecks.map((c) => (
                <span key={c.label} className={c.ok ? 'charter-ok' : 'charter-missing'}>
                  {c.ok ? <CheckCircleFilled /> : <CloseCircleFilled />} {c.label}
                </span>
              ))}
            </div>
          )
        }
      >
        <Input.TextArea autoSize={{ minRows: 10, maxRows: 24 }} maxLength={20000} showCount placeholder={t('wizard.charterPlaceholder')} />
      </Form.Item>
    </>
  );
}
