import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, Typography, type FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined, SnippetsOutlined } from '@ant-design/icons';
import { PHONE_MESSAGE, isValidPhone } from '../../../shared/validators.js';
import { useT } from '../../i18n.js';
import { applicationsMessages } from './applications.messages.js';

export interface MemberValue {
  name?: string;
  kind?: 'individual' | 'unit';
  phone?: string | null;
}

// A unit member is named like an organization; people are not. Used only to prefill the kind of pasted rows.
const UNIT_WORDS = /(公司|中心|学校|小学|中学|幼儿园|委员会|居委会|村委会|协会|商会|学会|站|所|院|局|厂|店|社|队|部|馆|医院|银行|集团|合作社)$/;

/**
 * Rows of 姓名/单位 with their kind and an optional phone; add, remove, or paste a whole list. `keptPhones`: the stored
 * phones as shown (masked, sealed at rest), which pass unchecked and are kept when sent back untouched.
 */
export function MemberListEditor({ form, keptPhones }: { form: FormInstance; keptPhones?: ReadonlySet<string> }) {
  const t = useT(applicationsMessages);
  const { message } = App.useApp();
  const [pasteOpen, setPasteOpen] = useState(false);
  const [pasted, setPasted] = useState('');

  const addPasted = () => {
    const rows: MemberValue[] = pasted
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [name, phone] = line.split(/[,，\t]/).map((s) => s.trim());
        return { name: name.slice(0, 60), kind: UNIT_WORDS.test(name) ? 'unit' : 'individual', phone: phone || null };
      });
    const current = (form.getFieldValue('members') as MemberValue[] | undefined) ?? [];
    form.setFieldValue('members', [...current, ...rows]);
    // Let the form's change handler see it (dirty state, counts).
    // A wrong phone in one pasted row marks that row at once; the list is kept (and saved) all the same.
    void form.validateFields(rows.flatMap((_, i) => [['members', current.length + i, 'name'], ['members', current.length + i, 'phone']])).catch(() => {});
    message.success(t('wizard.pasteAdded', { n: rows.length }));
    setPasted('');
    setPasteOpen(false);
  };

  return (
    <Form.List name="members">
      {(fields, { add, remove }) => (
        <div className="member-editor">
          {fields.length === 0 && <Typography.Text type="secondary">{t('wizard.noMembers')}</Typography.Text>}
          {fields.length > 0 && (
            <div className="member-rows" role="table" aria-label={t('wizard.memberList')}>
              {fields.map((field, i) => (
                <div key={field.key} className="member-row" role="row">
                  <span className="member-index mono" aria-hidden>
                    {i + 1}
                  </span>
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[
                      { required: true, whitespace: true, message: t('members.rule.name') },
                      { max: 60, message: t('members.rule.nameLength') },
                    ]}
                    className="member-name"
                  >
                    <Input placeholder={t('wizard.memberName')} maxLength={60} aria-label={`${t('wizard.memberName')} ${i + 1}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'kind']} className="member-kind" initialValue="individual">
                    <Select
                      aria-label={`${t('wizard.memberKind')} ${i + 1}`}
                      options={[
                        { value: 'individual', label: t('wizard.individual') },
                        { value: 'unit', label: t('wizard.unit') },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'phone']}
                    className="member-phone"
                    validateDebounce={300}
                    rules={[
                      {
                        validator: async (_r, v: string | null | undefined) => {
                          if (v && v.trim() && !keptPhones?.has(v) && !isValidPhone(v)) throw new Error(PHONE_MESSAGE);
                        },
                      },
                    ]}
                  >
                    <Input placeholder={t('wizard.memberPhone')} maxLength={30} inputMode="tel" aria-label={`${t('wizard.memberPhone')} ${i + 1}`} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={`${t('wizard.removeMember')} ${i + 1}`} />
                </div>
              ))}
            </div>
          )}
          <Space wrap className="member-actions">
            <Button icon={<PlusOutlined />} onClick={() => add({ name: '', kind: 'individual', phone: null })}>
              {t('wizard.addMember')}
            </Button>
            <Button icon={<SnippetsOutlined />} onClick={() => setPasteOpen(true)}>
              {t('wizard.addMembers')}
            </Button>
          </Space>
          <Modal
            open={pasteOpen}
            title={t('wizard.pasteTitle')}
            onCancel={() => setPasteOpen(false)}
            onOk={addPasted}
            okText={t('wizard.pasteAdd')}
            okButtonProps={{ disabled: !pasted.trim() }}
            destroyOnHidden
          >
            <Typography.Paragraph type="secondary">{t('wizard.pasteHint')}</Typography.Paragraph>
            <Input.TextArea value={pasted} onChange={(e) => setPasted(e.target.value)} autoSize={{ minRows: 8, maxRows: 16 }} placeholder={t('wizard.pasteExample')} autoFocus aria-label={t('wizard.pasteTitle')} />
          </Modal>
        </div>
      )}
    </Form.List>
  );
}
