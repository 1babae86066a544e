import { Form, Input } from 'antd';
import { useT } from '../../../i18n.js';
import { orgsMessages } from '../orgs.messages.js';

/**
 * 修改原因 (edits only): required and kept in the record's history. It sits in the form's action bar beside 保存,
 * which stays on screen, so the field every save needs is where the user presses it (issue 22 item 1).
 */
export function ReasonField() {
  const t = useT(orgsMessages);
  return (
    <Form.Item name="reason" label={t('orgs.reason')} className="org-form-reason" rules={[{ required: true, whitespace: true, message: t('orgs.reasonRequired') }]}>
      <Input maxLength={200} showCount placeholder={t('orgs.reasonPlaceholder')} />
    </Form.Item>
  );
}
