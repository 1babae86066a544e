import { useMemo } from 'react';
import dayjs from 'dayjs';
import { Col, DatePicker, Form, Input, Row, Select, Typography } from 'antd';
import { DIRECT_REGISTRATION_TYPES, REGISTERED_FORMS } from '../../../../shared/enums.js';
import { useCurrentUser } from '../../../auth/session.js';
import { useEnumLabels, useT } from '../../../i18n.js';
import { useOrgFieldLabel } from '../../orgs/orgs.messages.js';
import { RegionSelect } from '../../regions/RegionSelect.js';
import type { Application } from '../applications.api.js';
import { applicationsMessages } from '../applications.messages.js';

/** Step 基本信息: name, form (chosen for a direct registration, else shown), category, place, founding date, address. */
export function BasicStep({ app }: { app: Application }) {
  const t = useT(applicationsMessages);
  const enumLabels = useEnumLabels();
  const fieldLabel = useOrgFieldLabel();
  const user = useCurrentUser();
  const registration = app.kind === 'registration';

  // The district's categories, plus the record's own if the district has since dropped it.
  const categories = useMemo(() => {
    const list: string[] = [...app.rules.categories];
    if (app.data.org.category && !list.includes(app.data.org.category)) list.push(app.data.org.category);
    return list;
  }, [app.data.org.category, app.rules]);

  return (
    <Row gutter={16}>
      <Col xs={24} lg={16}>
        <Form.Item
          name={['org', 'name']}
          label={fieldLabel('name')}
          rules={[
            { required: true, whitespace: true, message: t('wizard.rule.name') },
            { min: 2, max: 100, message: t('wizard.rule.nameLength') },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} lg={8}>
        {registration ? (
          <Form.Item name={['org', 'legalForm']} label={t('wizard.legalFormRegistered')} rules={[{ required: true, message: t('wizard.rule.legalForm') }]}>
            <Select options={REGISTERED_FORMS.map((f) => ({ value: f, label: enumLabels.legalForm(f) }))} />
          </Form.Item>
        ) : (
          <Form.Item label={fieldLabel('legalForm')} required /* shown, not entered: not "optional" */>
            <Typography.Text>{app.kind === 'filing' ? t('wizard.filedForm') : app.data.org.legalForm ? enumLabels.legalForm(app.data.org.legalForm) : '—'}</Typography.Text>
          </Form.Item>
        )}
      </Col>
      {registration && (
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="registrationType" label={t('wizard.registrationType')} rules={[{ required: true, message: t('wizard.registrationTypeRequired') }]} extra={t('wizard.creditCodeLater')}>
            <Select options={DIRECT_REGISTRATION_TYPES.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
        </Col>
      )}
      <Col xs={24} sm={12} lg={8}>
        <Form.Item name={['org', 'category']} label={fieldLabel('category')} rules={[{ required: true, message: t('wizard.rule.category') }]}>
          <Select options={categories.map((c) => ({ value: c, label: c }))} showSearch />
        </Form.Item>
      </Col>
      <Col xs={24} lg={16}>
        <Form.Item
          name={['org', 'regionCode']}
          label={fieldLabel('regionCode')}
          rules={[{ required: true, message: t('new.regionRequired') }]}
          extra={app.kind.startsWith('registration') ? t('wizard.regionHintRegistration') : t('wizard.regionHintFiling')}
        >
          <RegionSelect
            initial={app.data.org.regionCode === app.region.code ? app.region : user.region}
            isDisabled={(hit) => hit.level < (app.kind.startsWith('registration') ? 3 : 4)}
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} lg={8}>
        <Form.Item name={['org', 'foundedOn']} label={fieldLabel('foundedOn')}>
          <DatePicker className="full-width" disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs('1949-10-01'), 'day')} />
        </Form.Item>
      </Col>
      <Col xs={24} lg={16}>
        <Form.Item name={['org', 'address']} label={fieldLabel('address')}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
    </Row>
  );
}
