import { useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { ORG_FLAGS } from '../../../shared/enums.js';
import { useCurrentUser } from '../../auth/session.js';
import { orBlank, pairRow, PrintForm, PrintPage, sectionRow, wideRow } from '../../components/PrintForm.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { formatCount, formatDate, formatDateTime } from '../../lib/format.js';
import { useOrgFieldLabel, orgsMessages } from './orgs.messages.js';
import { orgQuery, type Org } from './orgs.api.js';

/** `/orgs/:id/print`: the record as a one-page A4 登记表, outside the app's chrome. */
export default function OrgPrintPage() {
  const { id } = useParams();
  const orgId = Number(id);
  const t = useT(orgsMessages);
  const org = useQuery(orgQuery(orgId));
  return (
    <PrintPage query={org} backTo={`/orgs/${orgId}`} notFoundTitle={t('orgs.notFound')}>
      {(data) => <Sheet org={data} />}
    </PrintPage>
  );
}

function Sheet({ org }: { org: Org }) {
  const t = useT(orgsMessages);
  const labels = useEnumLabels();
  const fieldLabel = useOrgFieldLabel();
  const user = useCurrentUser();
  const today = formatDate(new Date().toISOString());
  const blank = '';
  const flags = ORG_FLAGS.filter((f) => org[f]).map((f) => labels.orgFlag(f));

  return (
    <PrintForm
      title={t('orgs.printTitle')}
      note={t('orgs.printNote')}
      signLabel={t('orgs.printSign')}
      dateLabel={t('orgs.printSignDate')}
      meta={
        <>
          <div>{t('common.printMeta', { who: user.displayName, date: today })}</div>
          <div>{t('orgs.printSource', { v: org.version, at: formatDateTime(org.updatedAt, false) })}</div>
        </>
      }
    >
      {sectionRow(t('orgs.printSectionBasic'))}
      {wideRow(fieldLabel('name'), <strong>{org.name}</strong>)}
      {org.formerNames.length > 0 && wideRow(fieldLabel('formerNames'), org.formerNames.join('、'))}
      {pairRow(fieldLabel('creditCode'), <span className="mono">{orBlank(org.creditCode)}</span>, fieldLabel('certificateNo'), orBlank(org.certificateNo))}
      {pairRow(fieldLabel('legalForm'), labels.legalForm(org.legalForm), fieldLabel('category'), org.category)}
      {pairRow(fieldLabel('status'), labels.orgStatus(org.status), fieldLabel('foundedOn'), orBlank(org.foundedOn))}
      {wideRow(fieldLabel('region'), `${org.regionPath}（${org.region.code}）`)}
      {wideRow(fieldLabel('address'), orBlank(org.address))}
      {sectionRow(t('orgs.printSectionPeople'))}
      {pairRow(fieldLabel('leaderName'), orBlank(org.leaderName), fieldLabel('leaderPhone'), <span className="mono">{orBlank(org.leaderPhone)}</span>)}
      {wideRow(fieldLabel('leaderIdNumber'), <span className="mono">{orBlank(org.leaderIdNumber)}</span>)}
      {pairRow(
        fieldLabel('individualMembers'),
        org.individualMembers === null ? blank : formatCount(org.individualMembers),
        fieldLabel('unitMembers'),
        org.unitMembers === null ? blank : formatCount(org.unitMembers),
      )}
      {sectionRow(t('orgs.printSectionCharter'))}
      {wideRow(fieldLabel('purpose'), <div className="pre-wrap">{orBlank(org.purpose)}</div>, true)}
      {wideRow(fieldLabel('activities'), <div className="pre-wrap">{orBlank(org.activities)}</div>, true)}
      {wideRow(fieldLabel('venue'), orBlank(org.venue))}
      {sectionRow(t('orgs.printSectionMarks'))}
      {pairRow(fieldLabel('hubOrgId'), orBlank(org.hub?.name), t('orgs.flags'), flags.join('、'))}
      {pairRow(t('orgs.createdAt'), formatDateTime(org.createdAt, false), t('orgs.updatedAt'), formatDateTime(org.updatedAt, false))}
    </PrintForm>
  );
}
