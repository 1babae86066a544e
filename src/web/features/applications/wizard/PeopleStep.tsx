import { useEffect, useRef } from 'react';
import { Button, Card, Col, Form, Input, InputNumber, Row, Typography, type FormInstance } from 'antd';
import { useT } from '../../../i18n.js';
import { useOrgFieldLabel } from '../../orgs/orgs.messages.js';
import { isEstablishment } from '../app-tags.js';
import type { Application } from '../applications.api.js';
import { applicationsMessages } from '../applications.messages.js';
import { MemberListEditor, type MemberValue } from '../MemberListEditor.js';
import { idRule, phoneRule, unlessKept } from '../../../lib/forms.js';
import type { Values } from './wizard-form.js';

/** Step 负责人与成员: the leader, the declared member counts and (for an establishment) the member list beside them. */
export function PeopleStep({ app, form, onDirty }: { app: Application; form: FormInstance<Values>; onDirty: () => void }) {
  const t = useT(applicationsMessages);
  const fieldLabel = useOrgFieldLabel();
  const establishment = isEstablishment(app.kind);
  const members = Form.useWatch('members', form) as MemberValue[] | undefined;
  const declaredIndividual = Form.useWatch(['org', 'individualMembers'], form);
  const declaredUnit = Form.useWatch(['org', 'unitMembers'], form);
  // Stored personal values come masked; left as they are, they are kept (lib/forms.ts unlessKept).
  const stored = app.data.org;
  const keptPhones = new Set(app.data.members.map((m) => m.phone).filter((p): p is string => !!p && p.includes('*')));
  const listed = { individual: (members ?? []).filter((m) => m?.kind !== 'unit' && m?.name?.trim()).length, unit: (members ?? []).filter((m) => m?.kind === 'unit' && m?.name?.trim()).length };

  // The declared counts follow the list (issue 22 item 10): while a count equals what the list said before (or is
  // empty), it moves with the list; a number the applicant typed themselves stays, and the button offers the sync.
  const previous = useRef<typeof listed | null>(null);
  useEffect(() => {
    if (members === undefined) return; // the list's first value is what was loaded, not a change
    const before = previous.current;
    previous.current = listed;
    if (!before || !establishment || (before.individual === listed.individual && before.unit === listed.unit)) return;
    const follow = (path: ['org', 'individualMembers' | 'unitMembers'], was: number, now: number) => {
      const declared = form.getFieldValue(path) as number | null | undefined;
      if ((declared === null || declared === undefined || declared === 0 || declared === was) && declared !== now) {
        form.setFieldValue(path, now);
        return true;
      }
      return false;
    };
    const a = follow(['org', 'individualMembers'], before.individual, listed.individual);
    const b = follow(['org', 'unitMembers'], before.unit, listed.unit);
    if (a || b) onDirty();
  }, [members === undefined, listed.individual, listed.unit]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <>
      <Row gutter={16}>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name={['org', 'leaderName']} label={fieldLabel('leaderName')} rules={establishment ? [{ required: true, whitespace: true, message: t('wizard.rule.leaderName') }] : []}>
            <Input maxLength={40} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item
            name={['org', 'leaderIdNumber']}
            label={fieldLabel('leaderIdNumber')}
            validateDebounce={300}
            normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
            rules={[unlessKept((v) => v === stored.leaderIdNumber, idRule)]}
          >
            <Input maxLength={18} className="mono" spellCheck={false} autoComplete="off" placeholder={t('wizard.idPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name={['org', 'leaderPhone']} label={fieldLabel('leaderPhone')} validateDebounce={300} normalize={(v: string) => v.replace(/\s/g, '')} rules={[unlessKept((v) => v === stored.leaderPhone, phoneRule)]}>
            <Input maxLength={30} inputMode="tel" className="mono" autoComplete="off" placeholder={t('wizard.phonePlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={12} lg={8}>
          <Form.Item name={['org', 'individualMembers']} label={fieldLabel('individualMembers')}>
            <InputNumber min={0} max={1_000_000} precision={0} className="full-width" inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={12} lg={8}>
          <Form.Item name={['org', 'unitMembers']} label={fieldLabel('unitMembers')}>
            <InputNumber min={0} max={1_000_000} precision={0} className="full-width" inputMode="numeric" />
          </Form.Item>
        </Col>
      </Row>
      {establishment && (
        <Card size="small" title={t('wizard.memberList')} className="wizard-subcard">
          <div className="member-counts" role="status">
            <span>
              {t('wizard.memberCounts', { p: listed.individual, u: listed.unit, fp: declaredIndividual ?? 0, fu: declaredUnit ?? 0 })}
            </span>
            {(listed.individual !== (declaredIndividual ?? 0) || listed.unit !== (declaredUnit ?? 0)) && (
              <Button
                size="small"
                onClick={() => {
                  form.setFieldValue(['org', 'individualMembers'], listed.individual);
                  form.setFieldValue(['org', 'unitMembers'], listed.unit);
                  onDirty();
                }}
              >
                {t('wizard.syncCounts')}
              </Button>
            )}
          </div>
          <Typography.Paragraph type="secondary" className="member-threshold">
            {t('wizard.memberThreshold', { individual: app.rules.memberThresholds.individual, unit: app.rules.memberThresholds.unit })}
          </Typography.Paragraph>
          <MemberListEditor form={form} keptPhones={keptPhones} />
        </Card>
      )}
    </>
  );
}
