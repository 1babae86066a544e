import { Card, Table, Tag, Typography } from 'antd';
import type { NodeTargets } from '../../../shared/schemas/stats.js';
import { EChart } from './EChart.js';
import { STATUS_COLOR } from './palette.js';
import { fmt, StatusTag } from './TargetBoard.js';
import type { TargetKey } from './stats.api.js';
import { useT } from '../../i18n.js';
import { statsMessages } from './stats.messages.js';

/** The areas below, ranked by the chosen figure, with the target line; click a bar or a name to drill down. */
export function ChildrenRanking({ nodes, metric, onOpen, source }: { nodes: NodeTargets[]; metric: TargetKey; onOpen: (code: string) => void; source: string }) {
  const t = useT(statsMessages);
  const rows = nodes.map((n) => ({ n, i: n.items.find((x) => x.key === metric)! }));
  const ranked = [...rows].filter((r) => r.i.value !== null).sort((a, b) => b.i.value! - a.i.value!);
  const target = rows[0]?.i.target;
  const unit = rows[0]?.i.unit ?? '';
  const option = {
    grid: { left: 8, right: 56, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: unit },
    yAxis: { type: 'category', inverse: true, data: ranked.map((r) => r.n.region.name), triggerEvent: true },
    series: [
      {
        type: 'bar',
        barWidth: 12,
        data: ranked.map((r) => ({ value: r.i.value, itemStyle: { color: STATUS_COLOR[r.i.status] }, label: { show: true, position: 'right', formatter: fmt(r.i.value) } })),
        markLine: target === undefined ? undefined : { symbol: 'none', silent: true, lineStyle: { color: '#000', width: 2 }, label: { formatter: `${t('target')} ${fmt(target)}` }, data: [{ xAxis: target }] },
      },
    ],
  };
  const byName = new Map(nodes.map((n) => [n.region.name, n.region.code]));
  return (
    <Card title={t('ranking', { metric: `${t(`item.${metric}`)}（${unit}）` })} size="small" className="stats-card" extra={<span className="stats-source">{source}</span>}>
      {ranked.length > 0 && <EChart option={option} height={48 + ranked.length * 24} label={t('ranking', { metric: t(`item.${metric}`) })} onClick={(name) => byName.has(name) && onOpen(byName.get(name)!)} />}
      <Table<(typeof rows)[number]>
        size="small"
        rowKey={(r) => r.n.region.code}
        pagination={false}
        dataSource={rows}
        scroll={{ x: true }}
        columns={[
          {
            title: t('region'),
            key: 'name',
            render: (_, r) => (
              <Typography.Link onClick={() => onOpen(r.n.region.code)} data-testid={`drill-${r.n.region.code}`}>
                {r.n.region.name}
              </Typography.Link>
            ),
          },
          {
            title: t('population'),
            key: 'pop',
            align: 'right',
            render: (_, r) =>
              r.n.population === null ? <Tag>{t('noPopulation')}</Tag> : <>{fmt(r.n.population)}{r.n.populationIsDemo && <Tag className="stats-demo-tag">{t('demoPopulation')}</Tag>}</>,
          },
          { title: t('orgs'), key: 'orgs', align: 'right', render: (_, r) => fmt(r.n.orgs) },
          { title: `${t(`item.${metric}`)}（${unit}）`, key: 'v', align: 'right', render: (_, r) => (r.i.value === null ? (r.i.note ?? '—') : fmt(r.i.value)) },
          { title: t('target'), key: 't', align: 'right', render: (_, r) => fmt(r.i.target) },
          { title: t('status'), key: 's', render: (_, r) => <StatusTag status={r.i.status} /> },
        ]}
      />
    </Card>
  );
}
