import { createContext, useContext, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Space, Tag, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { Rule } from 'antd/es/form/index.js';
import { errorMessage } from '../../api/client.js';
import { Data } from '../../components/Data.js';
import { useT, type Translate } from '../../i18n.js';
import { formatDateTime } from '../../lib/format.js';
import { useIsMobile } from '../../lib/hooks.js';
import { DECLARATION_SCAN_MAX_BYTES, DECLARATION_SCAN_TYPES, EXPENSE_CATEGORIES_BY_FORM, INCOME_CATEGORIES_BY_FORM, type ReportingForm, type SectionKey } from '../../../shared/schemas/annual-reports.js';
import { yuanToFen } from '../../../shared/schemas/money.js';
import { scanUrl, useUploadScan, type AnnualReport } from './annual-reports.api.js';
import { annualMessages, useAnnualLabels } from './annual-reports.messages.js';
import { FieldNotes, type ShownCheck } from './CheckNotes.js';
import { isRequired, type Path } from './report-form.js';

type Keys = keyof (typeof annualMessages)['zh_CN'];
export type NotesFor = (field: string) => ShownCheck[];

/** An amount in yuan as typed (the server gets fen): a number with at most two decimals, never negative. */
const moneyRule = (t: Translate<Keys>, label: string): Rule => ({
  validator: async (_r, v: string | undefined) => {
    if (v === undefined || v === null || String(v).trim() === '') return;
    const fen = yuanToFen(v);
    if (fen === null) throw new Error(t('check.money'));
    if (fen < 0) throw new Error(t('check.negative', { field: label }));
  },
});
/** A count: a whole number, never negative (InputNumber would clamp silently; the field says it instead). */
const countRule = (t: Translate<Keys>, label: string): Rule => ({
  validator: async (_r, v: number | null | undefined) => {
    if (v === undefined || v === null) return;
    if (!Number.isInteger(v)) throw new Error(t('check.count', { field: label }));
    if (v < 0) throw new Error(t('check.negative', { field: label }));
  },
});

const dotted = (name: Path) => name.join('.');
/** The legal form of the report being edited: which fields it must fill (a foundation counts no members). */
const LegalFormOfReport = createContext<ReportingForm>('filed');
export const ReportLegalForm = LegalFormOfReport.Provider;
const useRequired = (name: Path) => isRequired(dotted(name), useContext(LegalFormOfReport));
/** A field's notes under it; none at all (not an empty line) when it has none. */
const extraOf = (checks: ShownCheck[]) => (checks.length > 0 ? <FieldNotes checks={checks} /> : undefined);

function MoneyField({ name, label, notes }: { name: Path; label: string; notes: NotesFor }) {
  const t = useT(annualMessages);
  return (
    <Form.Item name={name} label={label} required={useRequired(name)} rules={[moneyRule(t, label)]} extra={extraOf(notes(dotted(name)))} validateFirst>
      <Input inputMode="decimal" suffix={t('form.yuan')} className="ar-money" autoComplete="off" />
    </Form.Item>
  );
}

function CountField({ name, label, unit, notes }: { name: Path; label: string; unit?: string; notes: NotesFor }) {
  const t = useT(annualMessages);
  return (
    <Form.Item name={name} label={label} required={useRequired(name)} rules={[countRule(t, label)]} extra={extraOf(notes(dotted(name)))}>
      <InputNumber className="full-width" inputMode="numeric" precision={0} suffix={unit} controls={false} />
    </Form.Item>
  );
}

function TextField({ name, label, max, notes, multiline }: { name: Path; label: string; max: number; notes: NotesFor; multiline?: boolean }) {
  return (
    <Form.Item name={name} label={label} required={useRequired(name)} extra={extraOf(notes(dotted(name)))}>
      {/* What the filer typed is data, in whatever language (components/Data.tsx). */}
      {multiline ? <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={max} showCount data-value="" /> : <Input maxLength={max} />}
    </Form.Item>
  );
}

function DateField({ name, label, notes }: { name: Path; label: string; notes: NotesFor }) {
  // On a phone the picker's calendar, not the keyboard (which would cover it).
  const isMobile = useIsMobile();
  return (
    <Form.Item name={name} label={label} required={useRequired(name)} extra={extraOf(notes(dotted(name)))}>
      <DatePicker className="full-width" inputReadOnly={isMobile} />
    </Form.Item>
  );
}

/** A section of the form: a card with an anchor id, so the summary and the section list can jump to it. */
export function SectionCard({ k, extra, children }: { k: SectionKey; extra?: ReactNode; children: ReactNode }) {
  const labels = useAnnualLabels();
  return (
    <Card id={`section-${k}`} size="small" title={labels.section(k)} extra={extra} className="ar-section">
      {children}
    </Card>
  );
}

const half = { xs: 24, sm: 12, lg: 8 } as const;
const wide = { xs: 24, lg: 16 } as const;

export function BasicFields({ notes }: { notes: NotesFor }) {
  const t = useT(annualMessages);
  return (
    <SectionCard k="basic" extra={<Typography.Text type="secondary" className="ar-section-note">{t('form.prefilled')}</Typography.Text>}>
      <Row gutter={12}>
        <Col xs={24} lg={16}><TextField name={['basic', 'name']} label={t('f.basic.name')} max={100} notes={notes} /></Col>
        <Col {...half}><TextField name={['basic', 'creditCode']} label={t('f.basic.creditCode')} max={18} notes={notes} /></Col>
        <Col {...wide}><TextField name={['basic', 'address']} label={t('f.basic.address')} max={200} notes={notes} /></Col>
        <Col {...half}><TextField name={['basic', 'supervisingUnit']} label={t('f.basic.supervisingUnit')} max={100} notes={notes} /></Col>
        <Col {...half}><TextField name={['basic', 'leaderName']} label={t('f.basic.leaderName')} max={50} notes={notes} /></Col>
        <Col {...half}><TextField name={['basic', 'leaderPhone']} label={t('f.basic.leaderPhone')} max={20} notes={notes} /></Col>
        <Col {...half}><DateField name={['basic', 'foundedOn']} label={t('f.basic.foundedOn')} notes={notes} /></Col>
        <Col {...half}><CountField name={['basic', 'staffCount']} label={t('f.basic.staffCount')} unit={t('form.people')} notes={notes} /></Col>
        <Col {...wide}><TextField name={['basic', 'venue']} label={t('f.basic.venue')} max={200} notes={notes} /></Col>
      </Row>
    </SectionCard>
  );
}

export function ActivitiesFields({ report, notes }: { report: AnnualReport; notes: NotesFor }) {
  const t = useT(annualMessages);
  return (
    <SectionCard k="activities" extra={<Tag color="blue">{t('note.ledger', { n: report.ledgerActivityCount })}</Tag>}>
      <Typography.Paragraph type="secondary" className="ar-section-note">{t('note.activities')}</Typography.Paragraph>
      <Row gutter={12}>
        <Col {...half}><CountField name={['activities', 'claimedCount']} label={t('f.activities.claimedCount')} unit={t('form.times')} notes={notes} /></Col>
        <Col {...half}><CountField name={['activities', 'participants']} label={t('f.activities.participants')} notes={notes} /></Col>
        <Col {...half}><CountField name={['activities', 'volunteerHours']} label={t('f.activities.volunteerHours')} unit={t('form.hours')} notes={notes} /></Col>
        <Col xs={24}><TextField name={['activities', 'summary']} label={t('f.activities.summary')} max={3000} notes={notes} multiline /></Col>
      </Row>
    </SectionCard>
  );
}

export function FinancesFields({ report, notes }: { report: AnnualReport; notes: NotesFor }) {
  const t = useT(annualMessages);
  const labels = useAnnualLabels();
  const form = report.legalForm;
  return (
    <SectionCard k="finances">
      <Typography.Title level={5} className="ar-subtitle">{t('f.finances.income')}</Typography.Title>
      <Row gutter={12}>
        {INCOME_CATEGORIES_BY_FORM[form].map((k) => (
          <Col key={k} {...half}><MoneyField name={['finances', 'income', k]} label={labels.income(k)} notes={notes} /></Col>
        ))}
        <Col {...half}><MoneyField name={['finances', 'incomeTotal']} label={t('f.finances.incomeTotal')} notes={notes} /></Col>
      </Row>
      <Typography.Title level={5} className="ar-subtitle">{t('f.finances.expenses')}</Typography.Title>
      <Row gutter={12}>
        {EXPENSE_CATEGORIES_BY_FORM[form].map((k) => (
          <Col key={k} {...half}><MoneyField name={['finances', 'expenses', k]} label={labels.expense(k)} notes={notes} /></Col>
        ))}
        <Col {...half}><MoneyField name={['finances', 'expenseTotal']} label={t('f.finances.expenseTotal')} notes={notes} /></Col>
      </Row>
      <Typography.Title level={5} className="ar-subtitle">{t('f.finances.balance')}</Typography.Title>
      <Row gutter={12}>
        <Col {...half}><MoneyField name={['finances', 'assets']} label={t('f.finances.assets')} notes={notes} /></Col>
        <Col {...half}><MoneyField name={['finances', 'liabilities']} label={t('f.finances.liabilities')} notes={notes} /></Col>
        <Col {...half}><MoneyField name={['finances', 'netAssets']} label={t('f.finances.netAssets')} notes={notes} /></Col>
      </Row>
    </SectionCard>
  );
}

export function MembersFields({ notes }: { notes: NotesFor }) {
  const t = useT(annualMessages);
  return (
    <SectionCard k="members">
      <Row gutter={12}>
        <Col {...half}><CountField name={['members', 'individual']} label={t('f.members.individual')} unit={t('form.people')} notes={notes} /></Col>
        <Col {...half}><CountField name={['members', 'unit']} label={t('f.members.unit')} notes={notes} /></Col>
        <Col {...half}><CountField name={['members', 'joined']} label={t('f.members.joined')} notes={notes} /></Col>
        <Col {...half}><CountField name={['members', 'left']} label={t('f.members.left')} notes={notes} /></Col>
      </Row>
    </SectionCard>
  );
}

export function GovernanceFields({ notes }: { notes: NotesFor }) {
  const t = useT(annualMessages);
  return (
    <SectionCard k="governance">
      <Typography.Title level={5} className="ar-subtitle">{t('f.governance.leaderChanges')}</Typography.Title>
      <Form.List name={['governance', 'leaderChanges']}>
        {(fields, { add, remove }) => (
          <>
            {fields.length === 0 && <Typography.Paragraph type="secondary">{t('f.governance.noChanges')}</Typography.Paragraph>}
            {fields.map((field) => (
              <Row gutter={12} key={field.key} className="ar-change-row">
                <Col xs={12} sm={6}>
                  <Form.Item name={[field.name, 'role']} label={t('f.governance.role')} rules={[{ required: true, whitespace: true, message: t('f.governance.role') }]}>
                    <Input maxLength={30} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={5}>
                  <Form.Item name={[field.name, 'formerName']} label={t('f.governance.formerName')}>
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={5}>
                  <Form.Item name={[field.name, 'newName']} label={t('f.governance.newName')} rules={[{ required: true, whitespace: true, message: t('f.governance.newName') }]}>
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={6}>
                  <Form.Item name={[field.name, 'changedOn']} label={t('f.governance.changedOn')}>
                    <DatePicker className="full-width" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={2} className="ar-change-remove">
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('f.governance.removeChange')} />
                </Col>
              </Row>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ role: '', newName: '' })} className="ar-add">
              {t('f.governance.addChange')}
            </Button>
          </>
        )}
      </Form.List>
      <Row gutter={12} className="ar-governance">
        <Col {...half}><CountField name={['governance', 'councilMeetings']} label={t('f.governance.councilMeetings')} unit={t('form.times')} notes={notes} /></Col>
        <Col {...half}><CountField name={['governance', 'memberAssemblies']} label={t('f.governance.memberAssemblies')} unit={t('form.times')} notes={notes} /></Col>
        <Col {...half}><DateField name={['governance', 'lastElectionOn']} label={t('f.governance.lastElectionOn')} notes={notes} /></Col>
        <Col {...half}>
          <Form.Item name={['governance', 'termYears']} label={t('f.governance.termYears')} rules={[countRule(t, t('f.governance.termYears'))]}>
            <InputNumber className="full-width" inputMode="numeric" precision={0} suffix={t('form.years')} controls={false} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={['governance', 'electionHeldThisYear']} label={t('f.governance.electionHeldThisYear')} required extra={extraOf(notes('governance.electionHeldThisYear'))}>
            <Radio.Group optionType="button" options={[{ value: true, label: t('common.yes') }, { value: false, label: t('common.no') }]} />
          </Form.Item>
        </Col>
      </Row>
    </SectionCard>
  );
}

/** Party organization and funding received: filled in by the platform once their data exists (read-only today). */
export function PrefillNote({ k, report }: { k: 'party' | 'funding'; report: AnnualReport }) {
  const t = useT(annualMessages);
  const labels = useAnnualLabels();
  const s = report.sections[k] as { form?: string | null; fullMembers?: number | null; items?: { source: string; amountFen: number }[] } | undefined;
  return (
    <SectionCard k={k} extra={<Tag>{t('note.prefillLater')}</Tag>}>
      <Alert type="info" showIcon title={t(k === 'party' ? 'note.party' : 'note.funding')} />
      {k === 'party' && s?.form && (
        <Typography.Paragraph className="ar-prefilled">
          {t('f.party.form')}{t('sep.colon')}{labels.party(s.form as 'none')}
          {typeof s.fullMembers === 'number' && ` · ${t('f.party.fullMembers')} ${s.fullMembers}`}
        </Typography.Paragraph>
      )}
      {k === 'funding' && (s?.items?.length ?? 0) > 0 && (
        <ul className="ar-prefilled">
          {s!.items!.map((i, n) => (
            <li key={n}>
              <Data>{i.source}</Data> · {(i.amountFen / 100).toFixed(2)} {t('form.yuan')}
            </li>
          ))}
        </ul>
      )}
    </SectionCard>
  );
}

export function DeclarationFields({
  report,
  notes,
  editable,
  onUploaded,
  queue = (run) => run(),
}: {
  report: AnnualReport;
  notes: NotesFor;
  editable: boolean;
  onUploaded?: (r: AnnualReport) => void;
  /** Runs the upload in turn with the form's saves (each moves the report's version on). */
  queue?: (run: () => Promise<AnnualReport>) => Promise<AnnualReport>;
}) {
  const t = useT(annualMessages);
  const { message } = App.useApp();
  const upload = useUploadScan(report.id);
  const scan = report.declarationScan;
  const check = (file: File) => {
    if (!(DECLARATION_SCAN_TYPES as readonly string[]).includes(file.type)) return t('scan.wrongType');
    if (file.size > DECLARATION_SCAN_MAX_BYTES) return t('scan.tooLarge');
    return null;
  };
  return (
    <SectionCard k="declaration">
      <Typography.Paragraph type="secondary" className="ar-section-note">{t('note.declaration')}</Typography.Paragraph>
      <Row gutter={12}>
        <Col {...half}><TextField name={['declaration', 'signerName']} label={t('f.declaration.signerName')} max={50} notes={notes} /></Col>
        <Col {...half}><DateField name={['declaration', 'signedOn']} label={t('f.declaration.signedOn')} notes={notes} /></Col>
        <Col xs={24}>
          <Form.Item label={t('f.declaration.scan')} required extra={extraOf(notes('declarationScan'))} id="annualForm_declarationScan">
            <Space wrap>
              {scan ? (
                <a href={scanUrl(report.id)} target="_blank" rel="noreferrer" data-testid="scan-link">
                  <PaperClipOutlined /> <Data>{scan.filename}</Data>
                  <Typography.Text type="secondary"> · {formatDateTime(scan.uploadedAt, false)}</Typography.Text>
                </a>
              ) : (
                <Typography.Text type="secondary">{t('scan.missing')}</Typography.Text>
              )}
              {editable && (
                <Upload
                  accept={DECLARATION_SCAN_TYPES.join(',')}
                  showUploadList={false}
                  customRequest={({ file }) => {
                    const f = file as File;
                    const problem = check(f);
                    if (problem) {
                      void message.error(problem);
                      return;
                    }
                    queue(() => upload.mutateAsync(f)).then(
                      (saved) => {
                        // The upload moves the report's version on: the form edits from it.
                        onUploaded?.(saved);
                        void message.success(t('scan.uploaded'));
                      },
                      (err: unknown) => void message.error(errorMessage(err)),
                    );
                  }}
                >
                  <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="scan-upload">
                    {scan ? t('scan.replace') : t('scan.upload')}
                  </Button>
                </Upload>
              )}
            </Space>
          </Form.Item>
        </Col>
      </Row>
    </SectionCard>
  );
}
