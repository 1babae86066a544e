import { useEffect, type ReactNode } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Result, Skeleton } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { ORG_FLAGS } from '../../../shared/enums.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { useCurrentUser } from '../../auth/session.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { formatCount, formatDate, formatDateTime } from '../../lib/format.js';
import { useOrgFieldLabel } from './org-labels.js';
import { orgQuery, type Org } from './orgs.api.js';

/** `/orgs/:id/print`: the record as a one-page A4 登记表, outside the app's chrome. */
export default function OrgPrintPage() {
  const { id } = useParams();
  const orgId = Number(id);
  const t = useT();
  const org = useQuery(orgQuery(orgId));
  const location = useLocation();
  const navigate = useNavigate();
  const autoPrint = (location.state as { print?: boolean } | null)?.print === true;

  // Opened from the record page's 打印 button: bring up the print dialog once the sheet is drawn.
  useEffect(() => {
    if (!autoPrint || !org.data) return;
    const timer = setTimeout(() => window.print(), 300);
    return () => clearTimeout(timer);
  }, [autoPrint, org.data]);

  let sheet: ReactNode;
  if (org.isPending) sheet = <Skeleton active paragraph={{ rows: 16 }} />;
  else if (org.isError) {
    const gone = org.error instanceof ApiError && (org.error.status === 404 || org.error.status === 403);
    sheet = (
      <Result
        status={gone ? '404' : 'error'}
        title={gone ? t('orgs.notFound') : t('common.loadFailed')}
        subTitle={gone ? undefined : errorMessage(org.error)}
      />
    );
  } else sheet = <Sheet org={org.data} />;

  return (
    <div className="print-page">
      <div className="print-toolbar no-print">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/orgs/${orgId}`)}>
          {t('common.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!org.data}>
          {t('common.print')}
        </Button>
      </div>
      <div className="a4-sheet">{sheet}</div>
    </div>
  );
}

function Sheet({ org }: { org: Org }) {
  const t = useT();
  const labels = useEnumLabels();
  const fieldLabel = useOrgFieldLabel();
  const user = useCurrentUser();
  const today = formatDate(new Date().toISOString());
  const blank = '';
  const v = (x: string | number | null | undefined) => (x === null || x === undefined || x === '' ? blank : x);
  const flags = ORG_FLAGS.filter((f) => org[f]).map((f) => labels.orgFlag(f));

  const pair = (a: string, av: ReactNode, b: string, bv: ReactNode) => (
    <tr>
      <th>{a}</th>
      <td>{av}</td>
      <th>{b}</th>
      <td>{bv}</td>
    </tr>
  );
  const wide = (a: string, av: ReactNode, tall = false) => (
    <tr>
      <th>{a}</th>
      <td colSpan={3} className={tall ? 'reg-tall' : undefined}>
        {av}
      </td>
    </tr>
  );
  const sectionRow = (title: string) => (
    <tr className="reg-section">
      <td colSpan={4}>{title}</td>
    </tr>
  );

  return (
    <article className="reg-form">
      <header className="reg-head">
        <h1>{t('orgs.printTitle')}</h1>
        <div className="reg-note">{t('orgs.printNote')}</div>
      </header>
      <table className="reg-table">
        <colgroup>
          <col className="reg-col-label" />
          <col className="reg-col-value" />
          <col className="reg-col-label" />
          <col className="reg-col-value" />
        </colgroup>
        <tbody>
          {sectionRow(t('orgs.printSectionBasic'))}
          {wide(fieldLabel('name'), <strong>{org.name}</strong>)}
          {org.formerNames.length > 0 && wide(fieldLabel('formerNames'), org.formerNames.join('、'))}
          {pair(fieldLabel('creditCode'), <span className="mono">{v(org.creditCode)}</span>, fieldLabel('certificateNo'), v(org.certificateNo))}
          {pair(fieldLabel('legalForm'), labels.legalForm(org.legalForm), fieldLabel('category'), org.category)}
          {pair(fieldLabel('status'), labels.orgStatus(org.status), fieldLabel('foundedOn'), v(org.foundedOn))}
          {wide(fieldLabel('region'), `${org.regionPath}（${org.region.code}）`)}
          {wide(fieldLabel('address'), v(org.address))}
          {sectionRow(t('orgs.printSectionPeople'))}
          {pair(fieldLabel('leaderName'), v(org.leaderName), fieldLabel('leaderPhone'), <span className="mono">{v(org.leaderPhone)}</span>)}
          {wide(fieldLabel('leaderIdNumber'), <span className="mono">{v(org.leaderIdNumber)}</span>)}
          {pair(
            fieldLabel('individualMembers'),
            org.individualMembers === null ? blank : formatCount(org.individualMembers),
            fieldLabel('unitMembers'),
            org.unitMembers === null ? blank : formatCount(org.unitMembers),
          )}
          {sectionRow(t('orgs.printSectionCharter'))}
          {wide(fieldLabel('purpose'), <div className="pre-wrap">{v(org.purpose)}</div>, true)}
          {wide(fieldLabel('activities'), <div className="pre-wrap">{v(org.activities)}</div>, true)}
          {wide(fieldLabel('venue'), v(org.venue))}
          {sectionRow(t('orgs.printSectionMarks'))}
          {pair(fieldLabel('hubOrgId'), v(org.hub?.name), t('orgs.flags'), flags.join('、'))}
          {pair(t('orgs.createdAt'), formatDateTime(org.createdAt, false), t('orgs.updatedAt'), formatDateTime(org.updatedAt, false))}
        </tbody>
      </table>
      <footer className="reg-foot">
        <div className="reg-sign">
          <span>{t('orgs.printSign')}</span>
          <span className="reg-line" />
          <span>{t('orgs.printSignDate')}</span>
          <span className="reg-line reg-line-short" />
        </div>
        <div className="reg-meta">
          <div>{t('orgs.printMeta', { who: user.displayName, date: today })}</div>
          <div>{t('orgs.printSource', { v: org.version, at: formatDateTime(org.updatedAt, false) })}</div>
        </div>
      </footer>
    </article>
  );
}
