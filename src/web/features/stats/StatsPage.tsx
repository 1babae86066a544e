import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Breadcrumb, Button, Card, Empty, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined, PrinterOutlined, TeamOutlined } from '@ant-design/icons';
import { TARGET_KEYS, type TargetKey } from '../../../shared/schemas/stats.js';
import { useCurrentUser } from '../../auth/session.js';
import { LoadError } from '../../components/LoadError.js';
import { ChildrenRanking } from './ChildrenRanking.js';
import { HistoryCharts } from './HistoryCharts.js';
import { OrgsBehind } from './OrgsBehind.js';
import { TargetBoard } from './TargetBoard.js';
import { breakdownQuery, exportViewUrl, targetsQuery, yearReportUrl, type OrgScope } from './stats.api.js';
import { useT } from '../../i18n.js';
import { statsMessages } from './stats.messages.js';
import { usePageTitle } from '../../lib/page-title.js';

const todayInChina = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/** Which organizations stand behind a figure. */
const SCOPE_OF: Partial<Record<TargetKey, OrgScope>> = { growthRate: 'added', orgsPerUrbanCommunity: 'urban', orgsPerRuralCommunity: 'rural' };

/**
 * 统计看板: the figures of a node against the district's targets, the areas below ranked by the chosen figure,
 * the register year by year and by category. State lives in the address: /stats/:code?asOf=&metric=&orgs=1.
 */
export default function StatsPage() {
  const t = useT(statsMessages);
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { code } = useParams();
  const [params, setParams] = useSearchParams();
  const today = todayInChina();
  const asOf = params.get('asOf') ?? today;
  const metric = (TARGET_KEYS as readonly string[]).includes(params.get('metric') ?? '') ? (params.get('metric') as TargetKey) : 'orgsPer10k';
  const region = code ?? user.regionPath.at(-1)?.code;
  const query = { region, asOf };
  const targets = useQuery(targetsQuery(query));
  const breakdown = useQuery(breakdownQuery(query));
  const thisYear = Number(today.slice(0, 4));
  const dateOptions = useMemo(
    () => [{ value: today, label: t('today') }, ...Array.from({ length: 20 }, (_, i) => thisYear - 1 - i).map((y) => ({ value: `${y}-12-31`, label: t('yearEnd', { y }) }))],
    [today, thisYear, t],
  );

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };
  const hrefOf = (c: string) => `/stats/${c}?${new URLSearchParams({ ...(params.get('asOf') ? { asOf } : {}), metric }).toString()}`;
  // Drilling down starts the next level at its top (issue 22 item 8).
  const open = (c: string) => {
    navigate(hrefOf(c));
    window.scrollTo({ top: 0 });
  };
  usePageTitle(targets.data ? `${t('title')} · ${targets.data.region.name}` : t('title'));

  if (targets.isError) return <LoadError error={targets.error} onRetry={() => targets.refetch()} />;
  const data = targets.data;
  if (!data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const source = t('source', { d: data.asOf });
  const showOrgs = params.get('orgs') === '1' || data.children.length === 0;
  const reportYear = asOf === today ? thisYear : Number(asOf.slice(0, 4));

  return (
    <div className="stats-page">
      <div className="stats-head">
        <div>
          <Typography.Title level={3} className="stats-title" tabIndex={-1} id="stats-title">
            {t('title')} · <span data-value="">{data.region.name}</span>
          </Typography.Title>
          <Breadcrumb
            className="stats-path"
            items={[...data.ancestors, data.region].map((r, i, all) => ({
              key: r.code,
              title:
                i < all.length - 1 ? (
                  <Link
                    to={hrefOf(r.code)}
                    onClick={(e) => {
                      e.preventDefault();
                      open(r.code);
                    }}
                    data-value=""
                  >
                    {r.name}
                  </Link>
                ) : (
                  <span data-value="">{r.name}</span>
                ),
            }))}
          />
          <Space size={4} wrap className="stats-tags">
            {data.population === null && <Tag>{t('noPopulation')}</Tag>}
            {data.population !== null && (
              <Tag>
                {t('population')} {data.population.toLocaleString('zh-CN')}
              </Tag>
            )}
            {data.populationIsDemo && <Tag color="gold" className="stats-demo-tag">{t('demoPopulation')}</Tag>}
            {data.populationPartial && <Tag color="orange">{t('partialPopulation')}</Tag>}
            <Tag>
              {t('orgs')} {data.orgs.toLocaleString('zh-CN')}
            </Tag>
          </Space>
        </div>
        <Space wrap className="no-print stats-actions">
          <span>{t('asOf')}</span>
          <Select size="middle" style={{ width: 130 }} value={asOf} options={dateOptions} onChange={(v) => set({ asOf: v === today ? null : v })} aria-label={t('asOf')} />
          {user.permissions.includes('stats.export') && (
            <>
              <Button icon={<DownloadOutlined />} href={exportViewUrl(query)}>
                {t('export')}
              </Button>
              <Button icon={<FileExcelOutlined />} href={yearReportUrl(region, reportYear)}>
                {t('report')}
              </Button>
            </>
          )}
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('print')}
          </Button>
        </Space>
      </div>
      <div className="print-only stats-print-source">{source}</div>

      <TargetBoard items={data.items} selected={metric} onSelect={(k) => set({ metric: k, orgs: null })} source={source} />
      <Typography.Paragraph type="secondary" className="no-print stats-hint">
        {t('drillHint')}
        {/* 年检率 stands on the annual reports' rates per node, with the organizations behind each figure (issue 13 item 5). */}
        {metric === 'inspectionRate' && user.permissions.includes('annual_report.read') && (
          <Link to={`/annual-reports/rates/${data.region.code}${params.get('asOf') ? `?asOf=${asOf}` : ''}`} className="stats-rates-link" data-testid="inspection-rates-link">
            {' '}
            {t('inspectionRates')}
          </Link>
        )}
      </Typography.Paragraph>

      {data.children.length > 0 ? (
        <ChildrenRanking data={data} metric={metric} onOpen={open} hrefOf={hrefOf} source={source} />
      ) : (
        <Card size="small" className="stats-card">
          <Empty description={t('noChildren')} />
        </Card>
      )}

      {showOrgs ? (
        <OrgsBehind region={data.region.code} regionName={data.region.name} asOf={data.asOf} scope={SCOPE_OF[metric] ?? 'register'} />
      ) : (
        <div className="no-print">
          <Button icon={<TeamOutlined />} onClick={() => set({ orgs: '1' })} data-testid="show-orgs">
            {t('showOrgs')}
          </Button>
        </div>
      )}

      {breakdown.data && <HistoryCharts data={breakdown.data} source={source} onCategory={() => set({ orgs: '1' })} />}
    </div>
  );
}
