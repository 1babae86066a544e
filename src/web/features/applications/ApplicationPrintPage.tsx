import { useEffect, type ReactNode } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Result, Skeleton } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { ApiError, errorMessage } from '../../api/client.js';
import { useCurrentUser } from '../../auth/session.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useOrgFieldLabel } from '../orgs/org-labels.js';
import { useAppLabels, useAT } from './app-i18n.js';
import { isDeregistration } from './app-tags.js';
import { REQUIRED_KINDS } from './AttachmentsPanel.js';
import { applicationQuery, type Application } from './applications.api.js';

/** `/applications/:id/print`: the application as an A4 form (申请表) to sign and file, outside the app's chrome. */
export default function ApplicationPrintPage() {
  const { id } = useParams();
  const appId = Number(id);
  const t = useT();
  const at = useAT();
  const q = useQuery(applicationQuery(appId));
  const location = useLocation();
  const navigate = useNavigate();
  const autoPrint = (location.state as { print?: boolean } | null)?.print === true;

  useEffect(() => {
    if (!autoPrint || !q.data) return;
    const timer = setTimeout(() => window.print(), 300);
    return () => clearTimeout(timer);
  }, [autoPrint, q.data]);

  let sheet: ReactNode;
  if (q.isPending) sheet = <Skeleton active paragraph={{ rows: 16 }} />;
  else if (q.isError) {
    const gone = q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 403);
    sheet = <Result status={gone ? '404' : 'error'} title={gone ? at('page.notFound') : t('common.loadFailed')} subTitle={gone ? undefined : errorMessage(q.error)} />;
  } else sheet = <Sheet app={q.data} />;

  return (
    <div className="print-page">
      <div className="print-toolbar no-print">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/applications/${appId}`)}>
          {t('common.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!q.data}>
          {t('common.print')}
        </Button>
      </div>
      <div className="a4-sheet">{sheet}</div>
    </div>
  );
}

function Sheet({ app }: { app: Application }) {
  const t = useT();
  const at = useAT();
  const labels = useAppLabels();
  const enumLabels = useEnumLabels();
  const fieldLabel = useOrgFieldLabel();
  const user = useCurrentUser();
  const o = app.data.org;
  const v = (x: string | number | null | undefined) => (x === null || x === undefined || x === '' ? '' : x);
  const individual = app.data.members.filter((m) => m.kind === 'individual').length;
  const unit = app.data.members.filter((m) => m.kind === 'unit').length;
  const reviews = app.events.filter((e) => ['approve', 'return', 'reject'].includes(e.action));

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
    <article className="reg-form app-print">
      <header className="reg-head">
        <h1>{at('print.title', { kind: labels.kind(app.kind) })}</h1>
        <div className="reg-note">{at('print.no', { id: app.id, status: labels.status(app.status) })}</div>
      </header>
      <table className="reg-table">
        <colgroup>
          <col className="reg-col-label" />
          <col className="reg-col-value" />
          <col className="reg-col-label" />
          <col className="reg-col-value" />
        </colgroup>
        <tbody>
          {sectionRow(at('print.sectionBasic'))}
          {wide(fieldLabel('name'), <strong>{v(o.name ?? app.name)}</strong>)}
          {pair(fieldLabel('legalForm'), o.legalForm ? enumLabels.legalForm(o.legalForm) : '', fieldLabel('category'), v(o.category))}
          {app.data.registrationType && wide(at('page.registrationType'), app.data.registrationType)}
          {o.creditCode && wide(fieldLabel('creditCode'), <span className="mono">{o.creditCode}</span>)}
          {wide(fieldLabel('region'), `${app.regionPath}（${app.region.code}）`)}
          {wide(fieldLabel('address'), v(o.address))}
          {pair(fieldLabel('foundedOn'), v(o.foundedOn), fieldLabel('venue'), v(o.venue))}
          {sectionRow(at('print.sectionPeople'))}
          {pair(fieldLabel('leaderName'), v(o.leaderName), fieldLabel('leaderPhone'), <span className="mono">{v(o.leaderPhone)}</span>)}
          {wide(fieldLabel('leaderIdNumber'), <span className="mono">{v(o.leaderIdNumber)}</span>)}
          {pair(fieldLabel('individualMembers'), v(o.individualMembers), fieldLabel('unitMembers'), v(o.unitMembers))}
          {app.data.members.length > 0 && wide(at('wizard.memberList'), at('print.memberSummary', { p: individual, u: unit }))}
          {!isDeregistration(app.kind) && sectionRow(at('print.sectionCharter'))}
          {!isDeregistration(app.kind) && wide(fieldLabel('purpose'), <div className="pre-wrap">{v(o.purpose)}</div>, true)}
          {!isDeregistration(app.kind) && wide(fieldLabel('activities'), <div className="pre-wrap">{v(o.activities)}</div>, true)}
          {app.data.charter && wide(at('page.charter'), at('print.charterSee', { n: app.data.charter.length }))}
          {app.data.reason && wide(at('page.reason'), <div className="pre-wrap">{app.data.reason}</div>, true)}
          {sectionRow(at('print.sectionFiles'))}
          {wide(
            at('files.kind'),
            [...new Set([...REQUIRED_KINDS, ...app.attachments.map((a) => a.kind)])]
              .map((k) => `${labels.attachment(k)}${app.attachments.some((a) => a.kind === k) ? ' ☑' : ' ☐'}`)
              .join('　'),
          )}
          {sectionRow(at('print.sectionTrail'))}
          {reviews.length === 0
            ? app.steps.map((s) => wide(labels.step(s), <div className="reg-opinion-blank" />, true))
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
        </tbody>
      </table>
      <footer className="reg-foot">
        <div className="reg-sign">
          <span>{at('print.applicantSign')}</span>
          <span className="reg-line" />
          <span>{at('print.date')}</span>
          <span className="reg-line reg-line-short" />
        </div>
        <div className="reg-meta">
          <div>{t('orgs.printMeta', { who: user.displayName, date: formatDate(new Date().toISOString()) })}</div>
          <div>
            {at('page.applicant')}：{app.applicant.displayName}
            {app.onBehalf && at('page.onBehalf')}
            {app.submittedAt && ` · ${at('page.submittedAt')} ${formatDateTime(app.submittedAt, false)}`}
            {app.certificateNo && ` · ${at('cert.number')} ${app.certificateNo}`}
          </div>
        </div>
      </footer>
    </article>
  );
}
