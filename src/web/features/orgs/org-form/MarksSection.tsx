import { Card, Checkbox, Col, Form, Row, Space } from 'antd';
import { ORG_FLAGS, type OrgFlag } from '../../../../shared/enums.js';
import { useEnumLabels, useT } from '../../../i18n.js';
import { HubSelect } from '../HubSelect.js';
import type { Org } from '../orgs.api.js';
import { orgsMessages, useOrgFieldLabel } from '../orgs.messages.js';

/** Section 枢纽与标识: the hub federation it belongs to and the registry's marks (demonstration site, brand, incubating). */
export function MarksSection({ org }: { org?: Org }) {
  const t = useT(orgsMessages);
  const labels = useEnumLabels();
  const fieldLabel = useOrgFieldLabel();
  return (
    <Card title={t('orgs.sectionMarks')} size="small" className="org-form-section">
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Form.Item name="hubOrgId" label={fieldLabel('hubOrgId')} extra={t('orgs.hubHint')}>
            <HubSelect initial={org?.hub ?? null} exceptId={org?.id} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12}>
          <Form.Item label={t('orgs.flags')}>
            <Space wrap size="large">
              {ORG_FLAGS.map((f: OrgFlag) => (
                <Form.Item key={f} name={f} valuePropName="checked" noStyle>
                  <Checkbox>{labels.orgFlag(f)}</Checkbox>
                </Form.Item>
              ))}
            </Space>
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
