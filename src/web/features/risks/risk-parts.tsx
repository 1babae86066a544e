import { Tag } from 'antd';
import { RISK_KIND_LIST, RISK_LEVEL_LIST, RISK_STATUS_LIST } from '../../../shared/schemas/risks.js';
import { useT } from '../../i18n.js';
import { risksMessages } from './risks.messages.js';

export { RISK_KIND_LIST, RISK_LEVEL_LIST, RISK_STATUS_LIST };

const LEVEL_COLORS = { low: 'blue', medium: 'orange', high: 'red' } as const;

export function RiskLevelTag({ level }: { level: (typeof RISK_LEVEL_LIST)[number] }) {
  const t = useT(risksMessages);
  return <Tag color={LEVEL_COLORS[level]}>{t(`risk.level.${level}`)}</Tag>;
}

export function RiskStatusTag({ status, overdue }: { status: (typeof RISK_STATUS_LIST)[number]; overdue?: boolean }) {
  const t = useT(risksMessages);
  return (
    <>
      <Tag color={status === 'closed' ? 'default' : status === 'open' ? 'gold' : 'processing'}>{t(`risk.status.${status}`)}</Tag>
      {overdue && <Tag color="error">{t('risk.overdue')}</Tag>}
    </>
  );
}
