import { Card, Form, Input } from 'antd';
import { useT } from '../../../i18n.js';
import { orgsMessages, useOrgFieldLabel } from '../orgs.messages.js';

/** Section 宗旨与活动: purpose, activities, venue. */
export function CharterSection() {
  const t = useT(orgsMessages);
  const fieldLabel = useOrgFieldLabel();
  return (
    <Card title={t('orgs.sectionCharter')} size="small" className="org-form-section">
      <Form.Item name="purpose" label={fieldLabel('purpose')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="activities" label={fieldLabel('activities')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} showCount />
      </Form.Item>
      <Form.Item name="venue" label={fieldLabel('venue')}>
        <Input maxLength={200} />
      </Form.Item>
    </Card>
  );
}
