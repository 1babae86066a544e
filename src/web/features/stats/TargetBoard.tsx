import { Card, Col, Row, Table, Tag, Tooltip } from 'antd';
import type { TargetItem } from '../../../shared/schemas/stats.js';
import { EChart } from './EChart.js';
import { STATUS_COLOR, STATUS_MARK, STATUS_TEXT } from './palette.js';
import { axisMax } from './chart-scale.js';
import type { TargetKey } from './stats.api.js';
import { useT } from '../../i18n.js';
import { statsMessages } from './stats.messages.js';

export const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 }));

/** How a figure reads in either language: its unit, its value (with the fraction when the base is small) or why it has none. */
export function useFigureText() {
  const t = useT(statsMessages);
  const unit = (key: TargetKey) => t(`unit.${key}`);
  const note = (i: TargetItem) => (i.noteCode ? t(`note.${i.noteCode}`) : null);
  const value = (i: TargetItem) =>
    i.value === null ? (note(i) ?? '—') : i.smallBase ? t('smallBase', { value: fmt(i.value), n: fmt(i.numerator), d: fmt(i.denominator) }) : fmt(i.value);
  return { unit, note, value, withUnit: (key: TargetKey) => t('withUnit', { name: t(`item.${key}`), unit: unit(key) }) };
}

/** A bar's own label: its value, with the fraction when the base is small (the unit is in the table beside). */
export const barLabel = (i: TargetItem) => (i.smallBase ? `${fmt(i.value)} (${fmt(i.numerator)}/${fmt(i.denominator)})` : fmt(i.value));

export function StatusTag({ status }: { status: TargetItem['status'] }) {
  const t = useT(statsMessages);
  return (
    <Tag className="stats-status" style={{ color: STATUS_TEXT[status], borderColor: STATUS_COLOR[status], background: '#fff' }}>
      {STATUS_MARK[status]} {t(status)}
    </Tag>
  );
}

/** The seven figures as cards (click one to rank the areas below by it), a bullet chart of each against its target, and the table. */
export function TargetBoard({ items, selected, onSelect, source }: { items: TargetItem[]; selected: TargetKey; onSelect: (k: TargetKey) => void; source: string }) {
  const t = useT(statsMessages);
  const text = useFigureText();
  const withValue = items.filter((i) => i.value !== null);
  // Each bar is the share of its target (100 = the target line); a small-base rate does not widen the axis.
  const shares = withValue.map((i) => ({ i, value: Math.round((i.value! / (i.target || 1)) * 1000) / 10, smallBase: i.smallBase }));
  const max = Math.max(120, axisMax(shares, 100));
  const option = {
    color: ['#0072B2'],
    grid: { left: 8, right: 72, top: 8, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', max, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: withValue.map((i) => t(`item.${i.key}`)) },
    series: [
      {
        type: 'bar',
        barWidth: 14,
        data: shares.map(({ i, value }) => ({
          value: i.smallBase ? Math.min(value, max) : value,
          itemStyle: { color: STATUS_COLOR[i.status] },
          label: { show: true, position: 'right', formatter: barLabel(i) },
        })),
        markLine: { symbol: 'none', silent: true, lineStyle: { color: '#000', type: 'solid', width: 2 }, label: { formatter: t('target'), position: 'insideEndTop' }, data: [{ xAxis: 100 }] },
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
              <Tooltip title={text.note(i) ?? (i.smallBase ? t('smallBaseHint') : undefined)}>
                <span className="stats-figure-value">{i.value === null ? (i.noteCode === 'noPopulation' ? t('noPopulation') : '—') : fmt(i.value)}</span>
              </Tooltip>
              <span className="stats-figure-unit">{text.unit(i.key)}</span>
              {i.smallBase && <span className="stats-figure-unit" data-testid={`small-base-${i.key}`}>{t('smallBase', { value: '', n: fmt(i.numerator), d: fmt(i.denominator) }).trim()}</span>}
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
          { title: t('board'), dataIndex: 'key', render: (k: TargetKey) => text.withUnit(k) },
          { title: t('value'), dataIndex: 'value', align: 'right', render: (_: number | null, r) => text.value(r) },
          { title: t('target'), dataIndex: 'target', align: 'right', render: fmt },
          { title: t('gap'), dataIndex: 'gap', align: 'right', render: fmt },
          { title: t('status'), dataIndex: 'status', render: (s: TargetItem['status']) => <StatusTag status={s} /> },
          { title: t('fraction'), key: 'f', align: 'right', render: (_, r) => `${fmt(r.numerator)} / ${fmt(r.denominator)}` },
        ]}
      />
    </Card>
  );
}
