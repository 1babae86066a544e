import dayjs from 'dayjs';
import { Card, Col, DatePicker, Form, Input, Row, Select, type FormInstance } from 'antd';
import { DEFAULT_ORG_CATEGORIES, LEGAL_FORMS, ORG_STATUSES, REGISTERED_FORMS, type LegalForm } from '../../../../shared/enums.js';
import { CREDIT_CODE_FORM_DIGIT, CREDIT_CODE_MESSAGES, creditCodeProblem } from '../../../../shared/validators.js';
import { localValidatorMessage } from '../../../server.messages.js';
import { useEnumLabels, useT } from '../../../i18n.js';
import { RegionSelect } from '../../regions/RegionSelect.js';
import type { Org } from '../orgs.api.js';
import { orgsMessages, useOrgFieldLabel } from '../orgs.messages.js';
import { EARLIEST, minLevel, type Values } from './org-form.js';

interface Props {
  form: FormInstance<Values>;
  /** The record being edited; none for a new one. */
  org?: Org;
  /** A new record's place before the user chooses one (community staff's own community). */
  defaultRegion?: { code: string; name: string; level: number } | null;
  /** The level of the chosen region node (null until one is chosen): the place rule depends on it. */
  regionLevel: number | null;
  onRegionLevel: (level: number | null) => void;
}

/** Section 基本信息: name, status, legal form and credit code (they go together), category, place, date, address. */
export function BasicSection({ form, org, defaultRegion = null, regionLevel, onRegionLevel }: Props) {
  const t = useT(orgsMessages);
  const labels = useEnumLabels();
  const fieldLabel = useOrgFieldLabel();
  const legalForm = Form.useWatch('legalForm', form);
  const registered = !!legalForm && REGISTERED_FORMS.includes(legalForm);

  const categories: string[] = [...DEFAULT_ORG_CATEGORIES];
  if (org && !categories.includes(org.category)) categories.push(org.category);

  const creditCodeRule = ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: async (_r: unknown, raw: string | undefined) => {
      const form = getFieldValue('legalForm') as LegalForm | undefined;
      const code = raw?.trim().toUpperCase() ?? '';
      if (!form) return;
      const reg = REGISTERED_FORMS.includes(form);
      if (reg && !code) throw new Error(t('orgs.creditCodeRequired'));
      if (!reg && code) throw new Error(t('orgs.creditCodeMustBeEmpty'));
      if (!code) return;
      const problem = creditCodeProblem(code);
      if (problem) throw new Error(localValidatorMessage(CREDIT_CODE_MESSAGES[problem]));
      if (code[0] !== '5') throw new Error(t('orgs.creditCodeDept'));
      if (code[1] !== CREDIT_CODE_FORM_DIGIT[form as keyof typeof CREDIT_CODE_FORM_DIGIT]) throw new Error(t('orgs.creditCodeForm'));
    },
  });

  const regionRule = ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: async (_r: unknown, code: string | null | undefined) => {
      if (!code) throw new Error(t('orgs.regionRequired'));
      const form = getFieldValue('legalForm') as LegalForm | undefined;
      if (regionLevel !== null && regionLevel < minLevel(form)) {
        throw new Error(form && REGISTERED_FORMS.includes(form) ? t('orgs.regionTooHighRegistered') : t('orgs.regionTooHighFiled'));
      }
    },
  });

  return (
    <Card title={t('orgs.sectionBasic')} size="small" className="org-form-section">
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Form.Item
            name="name"
            label={fieldLabel('name')}
            rules={[
              { required: true, whitespace: true, message: t('orgs.nameRequired') },
              {
                validator: async (_r, v: string | undefined) => {
                  const n = v?.trim().length ?? 0;
                  if (n > 0 && (n < 2 || n > 100)) throw new Error(t('orgs.nameLength'));
                },
              },
            ]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="status" label={fieldLabel('status')}>
            <Select options={ORG_STATUSES.map((s) => ({ value: s, label: labels.orgStatus(s) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="legalForm" label={fieldLabel('legalForm')} rules={[{ required: true, message: t('orgs.formRequired') }]}>
            <Select
              options={LEGAL_FORMS.map((f) => ({ value: f, label: labels.legalForm(f) }))}
              onChange={() => {
                // Whether a credit code is needed, and which regions fit, depend on the form: filled fields are
                // checked again at once, empty ones when saving (no error on a field the user has not reached).
                if (form.getFieldValue('creditCode')) void form.validateFields(['creditCode']).catch(() => {});
                if (form.getFieldValue('regionCode')) void form.validateFields(['regionCode']).catch(() => {});
              }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item
            name="creditCode"
            label={fieldLabel('creditCode')}
            required={registered}
            validateDebounce={300}
            normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
            rules={[creditCodeRule]}
          >
            <Input
              className="mono"
              maxLength={18}
              placeholder={legalForm && !registered ? t('orgs.creditCodeNotNeeded') : t('orgs.creditCodePlaceholder')}
              spellCheck={false}
              autoCapitalize="characters"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="category" label={fieldLabel('category')} rules={[{ required: true, message: t('orgs.categoryRequired') }]}>
            <Select
              options={categories.map((c) => ({
                value: c,
                label: (DEFAULT_ORG_CATEGORIES as readonly string[]).includes(c) ? c : `${c}${t('orgs.categoryOutsideList')}`,
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} lg={16}>
          <Form.Item
            name="regionCode"
            label={fieldLabel('regionCode')}
            required
            extra={t('orgs.regionHint')}
            rules={[regionRule]}
          >
            <RegionSelect
              initial={org ? org.region : defaultRegion}
              onChange={(_code, hit) => onRegionLevel(hit?.level ?? null)}
              isDisabled={(hit) => hit.level < minLevel(legalForm)}
              disabledNote={registered ? t('orgs.regionLevelRegistered') : t('orgs.regionLevelFiled')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="foundedOn" label={fieldLabel('foundedOn')}>
            <DatePicker
              className="full-width"
              placeholder={t('orgs.foundedOnPlaceholder')}
              disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(EARLIEST, 'day')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} lg={16}>
          <Form.Item name="address" label={fieldLabel('address')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="certificateNo" label={fieldLabel('certificateNo')}>
            <Input maxLength={40} className="mono" />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
