import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Result, Space, Tabs, Typography, type DescriptionsProps } from 'antd';
import { CategoryText, Data } from '../../components/Data.js';
import { EditOutlined, PrinterOutlined, TeamOutlined } from '@ant-design/icons';
import { RecordHead } from '../../components/RecordHead.js';
import { isRecordId, RecordLoader } from '../../components/RecordLoader.js';
import { useCan } from '../../auth/session.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { formatCount, formatDateTime } from '../../lib/format.js';
import { useIsMobile } from '../../lib/hooks.js';
import { OrgAttachments } from './OrgAttachments.js';
import { OrgHistory } from './OrgHistory.js';
import { lastListUrl } from './org-nav.js';
import { OrgWarnings } from './OrgWarnings.js';
import { PersonalValue } from './PersonalValue.js';
import { useOrgFieldLabel, orgsMessages } from './orgs.messages.js';
import { OrgFlagTags, OrgStatusTag } from './org-tags.js';
import { CertificateLinks } from '../applications/CertificateLinks.js';
import { OrgApplyActions } from '../applications/OrgApplyActions.js';
import { orgQuery, type Org } from './orgs.api.js';
import { usePageTitle } from '../../lib/page-title.js';
import { DormancyFlag, OrgLedgerTab } from '../ledger/OrgLedgerTab.js';
import { ledgerMessages } from '../ledger/ledger.messages.js';
import { useDeclarationsTab } from '../declarations/OrgDeclarations.js';
import { usePenaltiesTab } from '../penalties/OrgPenalties.js';
import { OrgAnnualReports } from '../annual-reports/OrgAnnualReports.js';
import { annualMessages } from '../annual-reports/annual-reports.messages.js';
import { IneligibleBadge, OrgCredit } from '../credit/OrgCredit.js';
import { creditMessages } from '../credit/credit.messages.js';

import { useRisksTab } from '../risks/OrgRisks.js';

const TABS = ['basic', 'people', 'charter', 'attachments', 'ledger', 'declarations', 'annual', 'penalties', 'credit', 'risks', 'history'] as const;
type TabKey = (typeof TABS)[number];

/** `/orgs/:id`: the record in tabs, with the rule warnings on top. */
export default function OrgRecordPage() {
  const { id } = useParams();
  const orgId = Number(id);
  const org = useQuery(orgQuery(orgId));
  return (
    <RecordLoader query={org} validId={isRecordId(orgId)} skeletonRows={12} notFound={<NotFoundCard />}>
      {(data) => <Record org={data} />}
    </RecordLoader>
  );
}

function NotFoundCard() {
  const t = useT(orgsMessages);
  const navigate = useNavigate();
  return (
    <Card>
      <Result
        status="404"
        title={t('orgs.notFound')}
        extra={
          <Button type="primary" onClick={() => navigate(lastListUrl())}>
            {t('orgs.backToList')}
          </Button>
        }
      />
    </Card>
  );
}

const multiline = (v: string | null, empty: ReactNode) => (v ? <div className="pre-wrap" data-value="">{v}</div> : empty);

function Record({ org }: { org: Org }) {
  const t = useT(orgsMessages);
  const annualT = useT(annualMessages);
  const creditT = useT(creditMessages);
  usePageTitle(org.name);
  const labels = useEnumLabels();
  const fieldLabel = useOrgFieldLabel();
  const can = useCan();
  const tl = useT(ledgerMessages);
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as TabKey) : 'basic';
  const justSaved = (location.state as { saved?: boolean } | null)?.saved === true;
  // Right after saving, the saver sees what the save found (a similar organization in the community too); the
  // record itself shows only what concerns the organization (issue 22 item 5).
  const savedWarnings = justSaved ? (location.state as { warnings?: Org['warnings'] }).warnings : undefined;

  const none = <Typography.Text type="secondary">{t('orgs.notEntered')}</Typography.Text>;
  // What the record holds is data (names, addresses): shown as entered in either language.
  const orNone = (v: ReactNode) => (v === null || v === undefined || v === '' ? none : <Data>{v}</Data>);

  const descriptions = (items: DescriptionsProps['items']) => (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2, xxl: 3 }}
      styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}
      items={items}
    />
  );

  const basic = descriptions([
    { key: 'name', label: fieldLabel('name'), children: <strong data-value="">{org.name}</strong>, span: 'filled' },
    ...(org.formerNames.length > 0
      ? [{ key: 'formerNames', label: fieldLabel('formerNames'), children: <Data>{org.formerNames.join('、')}</Data>, span: 'filled' as const }]
      : []),
    {
      key: 'creditCode',
      label: fieldLabel('creditCode'),
      children: org.creditCode ? <Typography.Text copyable className="mono">{org.creditCode}</Typography.Text> : none,
    },
    { key: 'legalForm', label: fieldLabel('legalForm'), children: labels.legalForm(org.legalForm) },
    { key: 'category', label: fieldLabel('category'), children: <CategoryText value={org.category} /> },
    { key: 'status', label: fieldLabel('status'), children: <OrgStatusTag status={org.status} /> },
    {
      key: 'region',
      label: fieldLabel('region'),
      children: (
        <span>
          <Data>{org.regionPath}</Data> <span className="mono history-code">{org.region.code}</span>
        </span>
      ),
      span: 'filled',
    },
    { key: 'address', label: fieldLabel('address'), children: orNone(org.address), span: 'filled' },
    { key: 'foundedOn', label: fieldLabel('foundedOn'), children: org.foundedOn ? <span className="mono">{org.foundedOn}</span> : none },
    {
      key: 'certificateNo',
      label: fieldLabel('certificateNo'),
      children: org.certificateNo ? <CertificateLinks number={org.certificateNo} compact /> : none,
    },
    {
      key: 'hub',
      label: fieldLabel('hubOrgId'),
      children: org.hub ? <Link to={`/orgs/${org.hub.id}`}><Data>{org.hub.name}</Data></Link> : none,
    },
    { key: 'flags', label: t('orgs.flags'), children: org.isDemoSite || org.isBrand || org.isIncubating ? <OrgFlagTags org={org} /> : none },
    { key: 'createdAt', label: t('orgs.createdAt'), children: <span className="mono">{formatDateTime(org.createdAt, false)}</span> },
    { key: 'updatedAt', label: t('orgs.updatedAt'), children: <span className="mono">{formatDateTime(org.updatedAt, false)}</span> },
    { key: 'version', label: t('orgs.version'), children: t('orgs.versionValue', { n: org.version }) },
  ]);

  const people = descriptions([
    { key: 'leaderName', label: fieldLabel('leaderName'), children: orNone(org.leaderName), span: 'filled' },
    {
      key: 'leaderIdNumber',
      label: fieldLabel('leaderIdNumber'),
      children: <PersonalValue key={`id-${org.version}`} orgId={org.id} field="leaderIdNumber" masked={org.leaderIdNumber} />,
    },
    {
      key: 'leaderPhone',
      label: fieldLabel('leaderPhone'),
      children: <PersonalValue key={`phone-${org.version}`} orgId={org.id} field="leaderPhone" masked={org.leaderPhone} />,
    },
    {
      key: 'individualMembers',
      label: fieldLabel('individualMembers'),
      children: org.individualMembers === null ? none : t('orgs.people', { n: formatCount(org.individualMembers) }),
    },
    {
      key: 'unitMembers',
      label: fieldLabel('unitMembers'),
      children: org.unitMembers === null ? none : t('orgs.units', { n: formatCount(org.unitMembers) }),
    },
  ]);

  const charter = (
    <Descriptions
      bordered
      size="small"
      column={1}
      styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}
      items={[
        { key: 'purpose', label: fieldLabel('purpose'), children: multiline(org.purpose, none) },
        { key: 'activities', label: fieldLabel('activities'), children: multiline(org.activities, none) },
        { key: 'venue', label: fieldLabel('venue'), children: orNone(org.venue) },
      ]}
    />
  );

  const attachments = <OrgAttachments orgId={org.id} />;

  const actions = (
    <Space wrap className="no-print">
      {org.category === '枢纽型' && (
        <Button icon={<TeamOutlined />} onClick={() => navigate(`/orgs?hub=${org.id}&hubName=${encodeURIComponent(org.name)}`)}>
          {t('orgs.hubMembers')}
        </Button>
      )}
      <OrgApplyActions org={org} />
      <Button icon={<PrinterOutlined />} onClick={() => navigate(`/orgs/${org.id}/print`, { state: { print: true } })}>
        {t('common.print')}
      </Button>
      {can('org.update') && (
        <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/orgs/${org.id}/edit`)}>
          {t('orgs.edit')}
        </Button>
      )}
    </Space>
  );

  const declarationsTab = useDeclarationsTab(org.id);
  const penaltiesTab = usePenaltiesTab(org.id);
  const risksTab = useRisksTab(org.id);
  const tabItems = [
    { key: 'basic', label: t('orgs.tabBasic'), children: basic },
    { key: 'people', label: t('orgs.tabPeople'), children: people },
    { key: 'charter', label: t('orgs.tabCharter'), children: charter },
    { key: 'attachments', label: t('orgs.tabAttachments'), children: attachments },
    ...(can('activity.read') ? [{ key: 'ledger', label: tl('ledger.tab'), children: <OrgLedgerTab orgId={org.id} /> }] : []),
    ...(declarationsTab ? [declarationsTab] : []),
    ...(can('annual_report.read') ? [{ key: 'annual', label: annualT('org.tab'), children: <OrgAnnualReports orgId={org.id} /> }] : []),
    ...(penaltiesTab ? [penaltiesTab] : []),
    ...(can('credit.read') ? [{ key: 'credit', label: creditT('org.tab'), children: <OrgCredit orgId={org.id} /> }] : []),
    ...(risksTab ? [risksTab] : []),
    { key: 'history', label: t('orgs.tabHistory'), children: <OrgHistory orgId={org.id} /> },
  ];

  return (
    <div className="org-record">
      <RecordHead
        backTo={lastListUrl()}
        backLabel={t('orgs.backToList')}
        title={<Data>{org.name}</Data>}
        tags={
          <>
            <OrgStatusTag status={org.status} />
            <OrgFlagTags org={org} />
            <IneligibleBadge orgId={org.id} />
          </>
        }
        actions={!isMobile && actions}
      >
        <Typography.Text type="secondary" className="org-record-sub">
          {labels.legalForm(org.legalForm)} · <CategoryText value={org.category} /> · <Data>{org.regionPath}</Data>
          {org.creditCode && <span className="mono"> · {org.creditCode}</span>}
        </Typography.Text>
        {org.formerNames.length > 0 && (
          <Typography.Text type="secondary" className="org-record-sub">
            {t('orgs.formerNames', { names: '' })}
            <Data>{org.formerNames.join('、')}</Data>
          </Typography.Text>
        )}
        {isMobile && <div className="org-record-phone-actions">{actions}</div>}
      </RecordHead>
      <OrgWarnings warnings={savedWarnings ?? org.warnings} justSaved={justSaved} />
      {can('activity.read') && tab !== 'ledger' && <DormancyFlag orgId={org.id} />}
      <Card className="org-record-body">
        <Tabs
          activeKey={tab}
          onChange={(k) =>
            setParams(
              (prev) => {
                const next = new URLSearchParams(prev);
                if (k === 'basic') next.delete('tab');
                else next.set('tab', k);
                return next;
              },
              // Keep the saved-with-warnings note while switching tabs.
              { replace: true, state: location.state },
            )
          }
          items={tabItems}
          destroyOnHidden
        />
      </Card>
    </div>
  );
}
