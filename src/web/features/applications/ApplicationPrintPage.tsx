import { useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { useCurrentUser } from '../../auth/session.js';
import { orBlank, pairRow, PrintForm, PrintPage, sectionRow, wideRow } from '../../components/PrintForm.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useOrgFieldLabel } from '../orgs/orgs.messages.js';
import { useAppLabels, applicationsMessages } from './applications.messages.js';
import { isDeregistration } from './app-tags.js';
import { REQUIRED_KINDS } from './AttachmentsPanel.js';
import { applicationQuery, type Application } from './applications.api.js';

/** `/applications/:id/print`: the application as an A4 form (申请表) to sign and file, outside the app's chrome. */
export default function ApplicationPrintPage() {
  const { id } = useParams();
  const appId = Number(id);
  const t = useT(applicationsMessages);
  const q = useQuery(applicationQuery(appId));
  return (
    <PrintPage query={q} backTo={`/applications/${appId}`} notFoundTitle={t('page.notFound')}>
      {(app) => <Sheet app={app} />}
    </PrintPage>
  );
}

function Sheet({ app }: { app: Application }) {
  const t = useT(applicationsMessages);
  const labels = useAppLabels();
  const enumLabels = useEnumLabels();
  const fieldLabel = useOrgFieldLabel();
  const user = useCurrentUser();
  const o = app.data.org;
  const individual = app.data.members.filter((m) => m.kind === 'individual').length;
  const unit = app.data.members.filter((m) => m.kind === 'unit').length;
  const reviews = app.events.filter((e) => ['approve', 'return', 'reject'].includes(e.action));

  return (
    <PrintForm
      className="app-print"
      title={t('print.title', { kind: labels.kind(app.kind) })}
      note={t('print.no', { id: app.id, status: labels.status(app.status) })}
      signLabel={t('print.applicantSign')}
      dateLabel={t('print.date')}
      meta={
        <>
          <div>{t('common.printMeta', { who: user.displayName, date: formatDate(new Date().toISOString()) })}</div>
          <div>
            {t('page.applicant')}：{app.applicant.displayName}
            {app.onBehalf && t('page.onBehalf')}
            {app.submittedAt && ` · ${t('page.submittedAt')} ${formatDateTime(app.submittedAt, false)}`}
            {app.certificateNo && ` · ${t('cert.number')} ${app.certificateNo}`}
          </div>
        </>
      }
    >
      {sectionRow(t('print.sectionBasic'))}
      {wideRow(fieldLabel('name'), <strong>{orBlank(o.name ?? app.name)}</strong>)}
      {pairRow(fieldLabel('legalForm'), o.legalForm ? enumLabels.legalForm(o.legalForm) : '', fieldLabel('category'), orBlank(o.category))}
      {app.data.registrationType && wideRow(t('page.registrationType'), app.data.registrationType)}
      {o.creditCode && wideRow(fieldLabel('creditCode'), <span className="mono">{o.creditCode}</span>)}
      {wideRow(fieldLabel('region'), `${app.regionPath}（${app.region.code}）`)}
      {wideRow(fieldLabel('address'), orBlank(o.address))}
      {pairRow(fieldLabel('foundedOn'), orBlank(o.foundedOn), fieldLabel('venue'), orBlank(o.venue))}
      {sectionRow(t('print.sectionPeople'))}
      {pairRow(fieldLabel('leaderName'), orBlank(o.leaderName), fieldLabel('leaderPhone'), <span className="mono">{orBlank(o.leaderPhone)}</span>)}
      {wideRow(fieldLabel('leaderIdNumber'), <span className="mono">{orBlank(o.leaderIdNumber)}</span>)}
      {pairRow(fieldLabel('individualMembers'), orBlank(o.individualMembers), fieldLabel('unitMembers'), orBlank(o.unitMembers))}
      {app.data.members.length > 0 && wideRow(t('wizard.memberList'), t('print.memberSummary', { p: individual, u: unit }))}
      {!isDeregistration(app.kind) && sectionRow(t('print.sectionCharter'))}
      {!isDeregistration(app.kind) && wideRow(fieldLabel('purpose'), <div className="pre-wrap">{orBlank(o.purpose)}</div>, true)}
      {!isDeregistration(app.kind) && wideRow(fieldLabel('activities'), <div className="pre-wrap">{orBlank(o.activities)}</div>, true)}
      {app.data.charter && wideRow(t('page.charter'), t('print.charterSee', { n: app.data.charter.length }))}
      {app.data.reason && wideRow(t('page.reason'), <div className="pre-wrap">{app.data.reason}</div>, true)}
      {sectionRow(t('print.sectionFiles'))}
      {wideRow(
        t('files.kind'),
        [...new Set([...REQUIRED_KINDS, ...app.attachments.map((a) => a.kind)])]
          .map((k) => `${labels.attachment(k)}${app.attachments.some((a) => a.kind === k) ? ' ☑' : ' ☐'}`)
          .join('　'),
      )}
      {sectionRow(t('print.sectionTrail'))}
      {reviews.length === 0
        ? app.steps.map((s) => wideRow(labels.step(s), <div className="reg-opinion-blank" />, true))
        : reviews.map((e) => (
            <tr key={e.id}>
              <th>{e.step ? labels.step(e.step) : ''}</th>
              <td colSpan={3}>
                <div>
                  {labels.action(e.action)}：{e.opinion}
                </div>
                <div className="reg-opinion-sign">
                  {e.actorName}　{formatDateTime(e.at, false)}
                </div>
              </td>
            </tr>
          ))}
    </PrintForm>
  );
}
