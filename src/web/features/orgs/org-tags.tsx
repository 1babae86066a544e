import type { ReactNode } from 'react';
import { Space, Tag, Typography } from 'antd';
import { ORG_FLAGS, type LegalForm, type OrgFlag, type OrgStatus } from '../../../shared/enums.js';
import { useEnumLabels } from '../../i18n.js';
import { CategoryText } from '../../components/Data.js';

/** Status colours: green in good standing, blue while a procedure runs, orange on the way out, red when ended by sanction. */
export const STATUS_COLORS: Record<OrgStatus, string> = {
  preparing: 'default',
  filing: 'processing',
  registering: 'processing',
  active: 'success',
  changing: 'processing',
  deregistering: 'warning',
  deregistered: 'default',
  dissolved: 'error',
  revoked: 'error',
};

export const FLAG_COLORS: Record<OrgFlag, string> = { isDemoSite: 'gold', isBrand: 'purple', isIncubating: 'cyan' };

export function OrgStatusTag({ status }: { status: OrgStatus }) {
  const labels = useEnumLabels();
  return <Tag color={STATUS_COLORS[status]}>{labels.orgStatus(status)}</Tag>;
}

export function OrgFlagTags({ org }: { org: Record<OrgFlag, boolean> }) {
  const labels = useEnumLabels();
  const on = ORG_FLAGS.filter((f) => org[f]);
  if (on.length === 0) return null;
  return (
    <Space size={[0, 4]} wrap className="org-flags">
      {on.map((f) => (
        <Tag key={f} color={FLAG_COLORS[f]}>
          {labels.orgFlag(f)}
        </Tag>
      ))}
    </Space>
  );
}

/** The phone-width summary of an organization: name, status, form · category, place; extra lines below. */
export function OrgSummary({
  name,
  org,
  children,
}: {
  name: ReactNode;
  org: { status: OrgStatus; legalForm: LegalForm; category: string; regionPath: string };
  children?: ReactNode;
}) {
  const labels = useEnumLabels();
  return (
    <div className="org-summary">
      {name}
      <div>
        <OrgStatusTag status={org.status} />
        <Typography.Text type="secondary">
          {labels.legalForm(org.legalForm)} · <CategoryText value={org.category} />
        </Typography.Text>
      </div>
      <div className="org-summary-path" data-value="">
        {org.regionPath}
      </div>
      {children}
    </div>
  );
}
