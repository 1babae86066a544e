import { Card, Col, Row, Table } from 'antd';
import type { BreakdownResponse } from '../../../shared/schemas/stats.js';
import { EChart } from './EChart.js';
import { PALETTE } from './palette.js';
import { fmt } from './TargetBoard.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { CategoryText } from '../../components/Data.js';
import { statsMessages } from './stats.messages.js';

/** The register year by year (in the register at each year end, entered, left) and the composition by category. */
export function HistoryCharts({ data, source, onCategory }: { data: BreakdownResponse; source: string; onCategory: (category: string) => void }) {
  const t = useT(statsMessages);
  const labels = useEnumLabels();
  const years = data.years.map((y) => String(y.year));
  const growth = {
    color: [PALETTE[0], PALETTE[1], PALETTE[3]],
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'category', data: years },
    yAxis: [{ type: 'value', name: t('unitOrgs') }],
    series: [
      { name: t('total'), type: 'line', symbol: 'circle', data: data.years.map((y) => y.total) },
      { name: t('added'), type: 'bar', data: data.years.map((y) => y.added) },
      { name: t('closed'), type: 'bar', data: data.years.map((y) => y.closed) },
    ],
  };
  const total = data.byCategory.reduce((s, c) => s + c.count, 0);
  const composition = {
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: t('unitOrgs') },
    yAxis: { type: 'category', inverse: true, data: data.byCategory.map((c) => labels.category(c.category)) },
    series: [
      {
        type: 'bar',
        barWidth: 12,
        data: data.byCategory.map((c, i) => ({ value: c.count, itemStyle: { color: PALETTE[i % PALETTE.length] }, label: { show: true, position: 'right' } })),
      },
    ],
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card title={t('growth')} size="small" className="stats-card" extra={<span className="stats-source">{source}</span>}>
          <div className="stats-chart-caption">{t('growthUnit')}</div>
          <EChart option={growth} height={260} label={t('growth')} />
          <Table
            size="small"
            rowKey="year"
            pagination={false}
            dataSource={[...data.years].reverse()}
            scroll={{ x: true }}
            columns={[
              { title: t('year'), dataIndex: 'year' },
              { title: t('total'), dataIndex: 'total', align: 'right', render: fmt },
              { title: t('added'), dataIndex: 'added', align: 'right', render: fmt },
              { title: t('closed'), dataIndex: 'closed', align: 'right', render: fmt },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={t('composition')} size="small" className="stats-card" extra={<span className="stats-source">{source}</span>}>
          <div className="stats-chart-caption">{t('compositionUnit')}</div>
          {data.byCategory.length > 0 && <EChart option={composition} height={40 + data.byCategory.length * 26} label={t('composition')} onClick={onCategory} />}
          <Table
            size="small"
            rowKey="category"
            pagination={false}
            dataSource={data.byCategory}
            columns={[
              { title: t('category'), dataIndex: 'category', render: (c: string) => <CategoryText value={c} /> },
              { title: t('count'), dataIndex: 'count', align: 'right', render: fmt },
              { title: t('share'), key: 'share', align: 'right', render: (_, c) => (total ? `${((c.count / total) * 100).toFixed(1)}%` : '—') },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
