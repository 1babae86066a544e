import { Card, Col, Row, Table, Tag, Tooltip } from 'antd';
import type { TargetItem } from '../../../shared/schemas/stats.js';
import { EChart } from './EChart.js';
import { STATUS_COLOR, STATUS_MARK } from './palette.js';
import type { TargetKey } from './stats.api.js';
import { useT } from '../../i18n.js';
import { statsMessages } from './stats.messages.js';

export const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 }));

export function StatusTag({ status }: { status: TargetItem['status'] }) {
  const t = useT(statsMessages);
  return (
    <Tag color={STATUS_COLOR[status]} className="stats-status">
      {STATUS_MARK[status]} {t(status)}
    </Tag>
  );
}

/** The seven figures as cards (click one to rank the areas below by it), a bullet chart of each against its target, and the table. */
export function TargetBoard({ items, selected, onSelect, source }: { items: TargetItem[]; selected: TargetKey; onSelect: (k: TargetKey) => void; source: string }) {
  const t = useT(statsMessages);
  const withValue = items.filter((i) => i.value !== null);
  const option = {
    color: ['#0072B2'],
    grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', max: (v: { max: number }) => Math.max(120, Math.ceil(v.max / 20) * 20), axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: withValue.map((i) => t(`item.${i.key}`)) },
    series: [
      {
        type: 'bar',
        barWidth: 14,
        data: withValue.map((i) => ({
          value: Math.round((i.value! / (i.target || 1)) * 1000) / 10,
          itemStyle: { color: STATUS_COLOR[i.status] },
          label: { show: true, position: 'right', formatter: `${fmt(i.value)} ${i.unit}` },
        })),
        markLine: { symbol: 'none', silent: true, lineStyle: { color: '#000', type: 'solid', width: 2 }, label: { formatter: t('target') }, data: [{ xAxis: 100 }] },
      },
    ],
  };
  return (
    <Card title={t('board')} size="small" className="stats-card" extra={<span className="stats-source">{source}</span>}>
      <Row gutter={[12, 12]}>
        {items.map((i) => (
          <Col key={i.key} xs={12} sm={8} lg={6}>
            <button
              type="button"
              className={`stats-figure${selected === i.key ? ' stats-figure-selected' : ''}`}
              data-testid={`figure-${i.key}`}
              onClick={() => onSelect(i.key)}
              aria-pressed={selected === i.key}
            >
              <span className="stats-figure-name">{t(`item.${i.key}`)}</span>
              <Tooltip title={i.note ?? undefined}>
                <span className="stats-figure-value">{i.value === null ? (i.note === '人口未录入' ? t('noPopulation') : '—') : fmt(i.value)}</span>
              </Tooltip>
              <span className="stats-figure-unit">{i.unit}</span>
              <span className="stats-figure-target">
                {t('target')} {fmt(i.target)} <StatusTag status={i.status} />
              </span>
            </button>
          </Col>
        ))}
      </Row>
      <div className="stats-chart-caption">{t('boardUnit')}</div>
      {withValue.length > 0 && <EChart option={option} height={40 + withValue.length * 34} label={t('board')} />}
      <Table<TargetItem>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={items}
        scroll={{ x: true }}
        columns={[
          { title: t('board'), dataIndex: 'key', render: (k: TargetKey, r) => `${t(`item.${k}`)}（${r.unit}）` },
          { title: t('value'), dataIndex: 'value', align: 'right', render: (v: number | null, r) => (v === null ? (r.note ?? '—') : fmt(v)) },
          { title: t('target'), dataIndex: 'target', align: 'right', render: fmt },
          { title: t('gap'), dataIndex: 'gap', align: 'right', render: fmt },
          { title: t('status'), dataIndex: 'status', render: (s: TargetItem['status']) => <StatusTag status={s} /> },
          { title: t('fraction'), key: 'f', align: 'right', render: (_, r) => `${fmt(r.numerator)} / ${fmt(r.denominator)}` },
        ]}
      />
    </Card>
  );
}
