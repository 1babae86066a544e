import { Link } from 'react-router-dom';
import { Card, Table, Tag, Tooltip } from 'antd';
import type { NodeTargets, TargetsResponse } from '../../../shared/schemas/stats.js';
import { EChart } from './EChart.js';
import { STATUS_COLOR } from './palette.js';
import { barLabel, fmt, StatusTag, useFigureText } from './TargetBoard.js';
import { axisMax } from './chart-scale.js';
import type { TargetKey } from './stats.api.js';
import { useT } from '../../i18n.js';
import { statsMessages, useOwnRowName } from './stats.messages.js';

type Row = { n: NodeTargets; kind: 'child' | 'own' | 'total' };

/**
 * The areas below, ranked by the chosen figure, with the target line; click a bar or a name to drill down. The
 * table ends with the organizations placed at the node itself (本级) and the node's total, so its rows add up
 * (issue 22 item 4). Area names are real links to /stats/{code}: Tab reaches them (item 8).
 */
export function ChildrenRanking({ data, metric, onOpen, hrefOf, source }: { data: TargetsResponse; metric: TargetKey; onOpen: (code: string) => void; hrefOf: (code: string) => string; source: string }) {
  const t = useT(statsMessages);
  const text = useFigureText();
  const ownName = useOwnRowName();
  const nodes = data.children;
  const item = (n: NodeTargets) => n.items.find((x) => x.key === metric)!;
  const ranked = nodes.map((n) => ({ n, i: item(n) })).filter((r) => r.i.value !== null).sort((a, b) => b.i.value! - a.i.value!);
  // The line stands at the children's target when they share one (a street's 10 %), else at the node's own.
  const targets = [...new Set(nodes.map((n) => item(n).target))];
  const target = targets.length === 1 ? targets[0] : item(data).target;
  const max = axisMax(ranked.map((r) => ({ value: r.i.value!, smallBase: r.i.smallBase })), target);
  const option = {
    grid: { left: 8, right: 72, top: 28, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    // No axis name: the card's title carries the unit, and a name at the axis end runs off a phone's width.
    xAxis: { type: 'value', max },
    yAxis: { type: 'category', inverse: true, data: ranked.map((r) => r.n.region.name), triggerEvent: true },
    series: [
      {
        type: 'bar',
        barWidth: 12,
        data: ranked.map((r) => ({
          value: r.i.smallBase ? Math.min(r.i.value!, max) : r.i.value,
          itemStyle: { color: STATUS_COLOR[r.i.status] },
          label: { show: true, position: 'right', formatter: barLabel(r.i) },
        })),
        // The target line is always inside the axis (axisMax), its label inside the chart's top edge.
        markLine: { symbol: 'none', silent: true, lineStyle: { color: '#000', width: 2 }, label: { formatter: t('targetLine', { v: fmt(target) }), position: 'insideEndTop' }, data: [{ xAxis: target }] },
      },
    ],
  };
  const byName = new Map(nodes.map((n) => [n.region.name, n.region.code]));
  const rows: Row[] = [...nodes.map((n) => ({ n, kind: 'child' as const })), { n: data.own, kind: 'own' }, { n: data, kind: 'total' }];
  const title = t('ranking', { metric: text.withUnit(metric) });
  return (
    <Card title={title} size="small" className="stats-card" extra={<span className="stats-source">{source}</span>}>
      {ranked.length > 0 && <EChart option={option} height={56 + ranked.length * 24} label={title} onClick={(name) => byName.has(name) && onOpen(byName.get(name)!)} />}
      <Table<Row>
        size="small"
        rowKey={(r) => `${r.kind}-${r.n.region.code}`}
        pagination={false}
        dataSource={rows}
        scroll={{ x: true }}
        rowClassName={(r) => (r.kind === 'child' ? '' : `stats-row-${r.kind}`)}
        columns={[
          {
            title: t('region'),
            key: 'name',
            render: (_, r) =>
              r.kind === 'child' ? (
                <Link
                  to={hrefOf(r.n.region.code)}
                  onClick={(e) => {
                    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                    e.preventDefault();
                    onOpen(r.n.region.code);
                  }}
                  data-testid={`drill-${r.n.region.code}`}
                  data-value=""
                >
                  {r.n.region.name}
                </Link>
              ) : r.kind === 'own' ? (
                <Tooltip title={t('ownRowHint')}>
                  <span data-testid="own-row" data-value="">{ownName(r.n.region)}</span>
                </Tooltip>
              ) : (
                <strong data-testid="total-row" data-value="">{t('totalRow', { name: r.n.region.name })}</strong>
              ),
          },
          {
            title: t('population'),
            key: 'pop',
            align: 'right',
            render: (_, r) =>
              r.kind === 'own' ? '—' : r.n.population === null ? <Tag>{t('noPopulation')}</Tag> : <>{fmt(r.n.population)}{r.n.populationIsDemo && <Tag className="stats-demo-tag">{t('demoPopulation')}</Tag>}</>,
          },
          { title: t('orgs'), key: 'orgs', align: 'right', render: (_, r) => <span data-testid={`orgs-${r.kind}`}>{fmt(r.n.orgs)}</span> },
          { title: text.withUnit(metric), key: 'v', align: 'right', render: (_, r) => text.value(item(r.n)) },
          { title: t('target'), key: 't', align: 'right', render: (_, r) => fmt(item(r.n).target) },
          { title: t('status'), key: 's', render: (_, r) => <StatusTag status={item(r.n).status} /> },
        ]}
      />
    </Card>
  );
}
