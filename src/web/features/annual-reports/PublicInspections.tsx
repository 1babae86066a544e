import { useQuery } from '@tanstack/react-query';
import { Descriptions, Typography } from 'antd';
import { useT } from '../../i18n.js';
import { formatDate } from '../../lib/format.js';
import { publicReportsQuery } from './annual-reports.api.js';
import { annualMessages } from './annual-reports.messages.js';
import { ConclusionTag } from './report-tags.js';

/** The public register's list of each year's inspection (年检) or report (年报) conclusion; no personal data. */
export function PublicInspections({ orgId }: { orgId: number }) {
  const t = useT(annualMessages);
  const q = useQuery(publicReportsQuery(orgId));
  if (q.isPending || q.isError) return null;
  return (
    <div className="public-inspections" data-testid="public-inspections">
      <Typography.Title level={5}>{t('public.title')}</Typography.Title>
      {q.data.items.length === 0 ? (
        <Typography.Text type="secondary">{t('public.none')}</Typography.Text>
      ) : (
        <Descriptions
          bordered
          size="small"
          column={1}
          styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}
          items={q.data.items.map((i) => ({
            key: String(i.year),
            label: t('public.item', { year: i.year }),
            children: (
              <span>
                <Typography.Text type="secondary">{t(i.kind === 'inspection' ? 'ar.kind.inspection' : 'ar.kind.report')} </Typography.Text>
                <ConclusionTag conclusion={i.conclusion} />
                <span className="mono">{formatDate(i.concludedAt)}</span>
              </span>
            ),
          }))}
        />
      )}
    </div>
  );
}
