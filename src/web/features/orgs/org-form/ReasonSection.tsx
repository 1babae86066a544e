import { Card, Form, Input } from 'antd';
import { useT } from '../../../i18n.js';
import { orgsMessages } from '../orgs.messages.js';

/** Section 修改原因 (edits only): the reason is required and shown in the record's history. */
export function ReasonSection() {
  const t = useT(orgsMessages);
  return (
    <Card title={t('orgs.sectionReason')} size="small" className="org-form-section">
      <Form.Item
        name="reason"
        label={t('orgs.reason')}
        rules={[{ required: true, whitespace: true, message: t('orgs.reasonRequired') }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={200} showCount placeholder={t('orgs.reasonPlaceholder')} />
      </Form.Item>
    </Card>
  );
}
