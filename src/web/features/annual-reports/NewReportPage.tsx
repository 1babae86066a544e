import { Link, useSearchParams } from 'react-router-dom';
import { Card } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useT } from '../../i18n.js';
import { intParam } from '../../lib/hooks.js';
import { currentReportYear } from './annual-reports.api.js';
import { annualMessages } from './annual-reports.messages.js';
import { OwnReportCard } from './OwnReportCard.js';
import './annual-reports.css';

/**
 * `/annual-reports/new?org=&year=`: where a reminder for a report not yet begun leads (annual-reports.rates.ts
 * reminder links): what the organization owes for the year, and the way to file it.
 */
export default function NewReportPage() {
  const t = useT(annualMessages);
  const [params] = useSearchParams();
  const org = intParam(params, 'org', 0);
  const year = intParam(params, 'year', currentReportYear(), 2100);
  return (
    <div className="ar-page">
      <div className="org-record-back no-print">
        <Link to="/annual-reports">
          <ArrowLeftOutlined /> {t('page.back')}
        </Link>
      </div>
      <Card title={t('ar.title')}>
        <OwnReportCard orgId={org > 0 ? org : null} year={year} />
      </Card>
    </div>
  );
}
