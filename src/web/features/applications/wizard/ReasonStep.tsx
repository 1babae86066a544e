import { Card, Descriptions, Form, Input } from 'antd';
import { useT } from '../../../i18n.js';
import { useOrgFieldLabel } from '../../orgs/orgs.messages.js';
import { isDeregistration } from '../app-tags.js';
import type { Application, AttachmentKind } from '../applications.api.js';
import { applicationsMessages } from '../applications.messages.js';
import { AttachmentsPanel } from '../AttachmentsPanel.js';

/** Step 变更/注销原因 (change, deregistration): the reason, with optional documents; a deregistration names the record. */
export function ReasonStep({ app, fileErrors }: { app: Application; fileErrors: Partial<Record<AttachmentKind, string>> }) {
  const t = useT(applicationsMessages);
  const fieldLabel = useOrgFieldLabel();
  const deregistration = isDeregistration(app.kind);
  return (
    <>
      {deregistration && (
        <Descriptions
          size="small"
          bordered
          column={1}
          className="wizard-subcard"
          items={[
            { key: 'name', label: fieldLabel('name'), children: app.org?.name ?? app.name },
            { key: 'region', label: fieldLabel('region'), children: app.regionPath },
          ]}
        />
      )}
      <Form.Item
        name="reason"
        label={deregistration ? t('wizard.reasonDeregister') : t('wizard.reasonChange')}
        rules={[{ required: true, whitespace: true, message: t('wizard.reasonRequired') }]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} showCount placeholder={deregistration ? t('wizard.reasonPlaceholderDeregister') : t('wizard.reasonPlaceholderChange')} />
      </Form.Item>
      <Card size="small" title={t('files.other')} className="wizard-subcard">
        <AttachmentsPanel app={app} editable required={false} errors={fileErrors} />
      </Card>
    </>
  );
}
