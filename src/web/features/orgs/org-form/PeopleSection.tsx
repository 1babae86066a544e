import { Card, Col, Form, Input, InputNumber, Row } from 'antd';
import { useT } from '../../../i18n.js';
import { idRule, phoneRule } from '../../../lib/forms.js';
import type { Org } from '../orgs.api.js';
import { orgsMessages, useOrgFieldLabel } from '../orgs.messages.js';
import { PersonalInput } from '../PersonalInput.js';

/**
 * Section 负责人与成员: the leader (on an edit the ID number and phone stay masked; typing replaces them) and the
 * member counts.
 */
export function PeopleSection({ org }: { org?: Org }) {
  const t = useT(orgsMessages);
  const fieldLabel = useOrgFieldLabel();
  const editing = !!org;
  return (
    <Card title={t('orgs.sectionPeople')} size="small" className="org-form-section">
      <Row gutter={16}>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="leaderName" label={fieldLabel('leaderName')}>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item
            name="leaderIdNumber"
            label={fieldLabel('leaderIdNumber')}
            validateDebounce={300}
            normalize={(v: string | null | undefined) => (typeof v === 'string' ? v.toUpperCase().replace(/\s/g, '') : v)}
            rules={[idRule]}
          >
            {editing ? (
              <PersonalInput current={org.leaderIdNumber} maxLength={18} placeholder={t('orgs.idNumberPlaceholder')} />
            ) : (
              <Input maxLength={18} placeholder={t('orgs.idNumberPlaceholder')} className="mono" spellCheck={false} />
            )}
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item
            name="leaderPhone"
            label={fieldLabel('leaderPhone')}
            validateDebounce={300}
            normalize={(v: string | null | undefined) => (typeof v === 'string' ? v.replace(/\s/g, '') : v)}
            rules={[phoneRule]}
          >
            {editing ? (
              <PersonalInput current={org.leaderPhone} maxLength={30} inputMode="tel" placeholder={t('orgs.phonePlaceholder')} />
            ) : (
              <Input maxLength={30} inputMode="tel" placeholder={t('orgs.phonePlaceholder')} className="mono" />
            )}
          </Form.Item>
        </Col>
        <Col xs={12} sm={12} lg={8}>
          <Form.Item name="individualMembers" label={fieldLabel('individualMembers')}>
            <InputNumber min={0} max={1_000_000} precision={0} className="full-width" inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={12} lg={8}>
          <Form.Item name="unitMembers" label={fieldLabel('unitMembers')}>
            <InputNumber min={0} max={1_000_000} precision={0} className="full-width" inputMode="numeric" />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
