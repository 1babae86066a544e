import { Alert, Card, Descriptions, Typography } from 'antd';
import { useEnumLabels, useT } from '../../../i18n.js';
import { useOrgFieldLabel } from '../../orgs/orgs.messages.js';
import { isChange, isEstablishment, KindTag } from '../app-tags.js';
import type { Application } from '../applications.api.js';
import { applicationsMessages, useAppLabels } from '../applications.messages.js';
import { missingKinds } from '../AttachmentsPanel.js';
import { ChecksList } from '../ChecksList.js';
import { DiffTable } from '../DiffTable.js';
import type { StepKey } from './wizard-form.js';

// A check's code → the step where it is fixed (attachment_* go to the documents).
const FIX_STEP: Record<string, StepKey> = {
  charter_missing: 'charter',
  registration_type: 'basic',
  reason_missing: 'reason',
  members_below_threshold: 'people',
  member_list_mismatch: 'people',
  charter_no_leader: 'charter',
  charter_no_purpose: 'charter',
  charter_no_activities: 'charter',
};

/**
 * Step 核对提交: what will be submitted (for a change, against the record), the server's checks with a link to the
 * step that fixes each, and messages that belong to no field.
 */
export function CheckStep({ app, steps, general, onGo }: { app: Application; steps: StepKey[]; general: string[]; onGo: (step: StepKey) => void }) {
  const t = useT(applicationsMessages);
  const labels = useAppLabels();
  const enumLabels = useEnumLabels();
  const fieldLabel = useOrgFieldLabel();
  const establishment = isEstablishment(app.kind);
  const errorCount = app.checks.filter((c) => c.level === 'error').length;
  return (
    <>
      {general.length > 0 && <Alert type="error" showIcon className="page-alert" title={general.join('；')} role="alert" />}
      {isChange(app.kind) && (
        <Card size="small" title={t('wizard.diffTitle')} className="wizard-subcard">
          {app.diff && app.diff.length > 0 ? <DiffTable diff={app.diff} /> : <Typography.Text type="secondary">{t('wizard.noDiff')}</Typography.Text>}
        </Card>
      )}
      <Card size="small" title={t('wizard.checkTitle')} className="wizard-subcard">
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}
          items={[
            { key: 'kind', label: t('col.kind'), children: <KindTag kind={app.kind} /> },
            { key: 'name', label: fieldLabel('name'), children: app.data.org.name ?? '—' },
            ...(app.data.org.legalForm ? [{ key: 'legalForm', label: fieldLabel('legalForm'), children: enumLabels.legalForm(app.data.org.legalForm) }] : []),
            ...(app.data.registrationType ? [{ key: 'rt', label: t('wizard.registrationType'), children: app.data.registrationType }] : []),
            { key: 'category', label: fieldLabel('category'), children: app.data.org.category ?? '—' },
            { key: 'region', label: fieldLabel('region'), children: app.regionPath },
            { key: 'leader', label: fieldLabel('leaderName'), children: app.data.org.leaderName ?? '—' },
            ...(establishment
              ? [
                  { key: 'members', label: t('wizard.memberList'), children: t('print.memberSummary', { p: app.data.members.filter((m) => m.kind === 'individual').length, u: app.data.members.filter((m) => m.kind === 'unit').length }) },
                  {
                    key: 'files',
                    label: t('wizard.step.files'),
                    children: missingKinds(app).length === 0 ? t('files.allDone') : t('files.missingSummary', { n: missingKinds(app).length, names: missingKinds(app).map((k) => labels.attachment(k)).join('、') }),
                  },
                ]
              : []),
            ...(app.data.reason ? [{ key: 'reason', label: t('page.reason'), children: app.data.reason, span: 'filled' as const }] : []),
          ]}
        />
      </Card>
      <Card size="small" title={t('wizard.checksTitle')} className="wizard-subcard">
        {errorCount > 0 && <Typography.Paragraph type="danger">{t('wizard.checksErrors', { n: errorCount })}</Typography.Paragraph>}
        <ChecksList checks={app.checks} emptyText={t('wizard.checksNone')} onFix={(c) => {
          const s = c.code.startsWith('attachment_') ? (establishment ? 'files' : 'reason') : FIX_STEP[c.code];
          return s && steps.includes(s) ? () => onGo(s) : undefined;
        }} />
      </Card>
    </>
  );
}
