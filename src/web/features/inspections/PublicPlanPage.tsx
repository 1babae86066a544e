import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, List, Result, Space, Steps, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { canonicalPlanText, drawSample, sha256Hex, type DrawPlan } from '../../../shared/inspection-draw.js';
import type { LegalForm } from '../../../shared/enums.js';
import { Data, ServerText } from '../../components/Data.js';
import { isRecordId, RecordLoader } from '../../components/RecordLoader.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { useIsMobile } from '../../lib/hooks.js';
import { usePageTitle } from '../../lib/page-title.js';
import { publicPlanQuery, publicPlansQuery, type PublicPlan } from './inspections.api.js';
import { inspectionsMessages } from './inspections.messages.js';
import './inspections.css';

/** `/public/inspections`: the published plans of every district, for anyone. */
export function PublicPlansPage() {
  const t = useT(inspectionsMessages);
  usePageTitle(t('pub.listTitle'));
  const q = useQuery(publicPlansQuery());
  return (
    <Card className="public-card" title={t('pub.listTitle')} loading={q.isPending}>
      <Typography.Paragraph type="secondary">{t('insp.rule')}</Typography.Paragraph>
      {q.data && q.data.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pub.listEmpty')} />}
      {q.data && q.data.items.length > 0 && (
        <List
          dataSource={q.data.items}
          renderItem={(p) => (
            <List.Item key={p.id} actions={[<Link key="open" to={`/public/inspections/${p.id}`}>{t('pub.open')}</Link>]}>
              <List.Item.Meta title={<Data>{p.title}</Data>} description={<><Data>{p.districtName}</Data> · {t('pub.publishedOn', { date: p.publishedOn })} · {t(`insp.status.${p.status}`)}</>} />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** `/public/inspections/:id`: the seed, the list and the sample, and "复核抽取结果" recomputed in this browser. */
export default function PublicPlanPage() {
  const t = useT(inspectionsMessages);
  const id = Number(useParams().id);
  const q = useQuery(publicPlanQuery(id));
  return (
    <RecordLoader query={q} validId={isRecordId(id)} skeletonRows={10} notFound={<Card className="public-card"><Result status="404" title={t('pub.notFound')} /></Card>}>
      {(plan) => <PublicPlanView plan={plan} />}
    </RecordLoader>
  );
}

interface Check {
  text: string;
  seed: string;
  seedOk: boolean;
  sampleOk: boolean | null;
  n: number;
}

const drawPlanOf = (p: PublicPlan): DrawPlan => ({ id: p.id, districtCode: p.districtCode, year: p.year, kind: p.kind, ratioBp: p.ratioBp, includeFiled: p.includeFiled, publishedOn: p.publishedOn });

function PublicPlanView({ plan }: { plan: PublicPlan }) {
  const t = useT(inspectionsMessages);
  usePageTitle(plan.title);
  const labels = useEnumLabels();
  const isMobile = useIsMobile();
  const [check, setCheck] = useState<Check | null>(null);
  const [busy, setBusy] = useState(false);
  const recompute = async () => {
    setBusy(true);
    try {
      // The same steps as the server, on Web Crypto: the text, its hash, the quotas and the ranking.
      const text = canonicalPlanText(drawPlanOf(plan), plan.population);
      const seed = await sha256Hex(text);
      const drawn = await drawSample(seed, plan.ratioBp, plan.population);
      const mine = drawn.sample.map((m) => m.key).sort();
      const published = plan.sample.map((m) => m.key).sort();
      setCheck({ text, seed, seedOk: seed === plan.seed, sampleOk: plan.status === 'drawn' ? mine.join() === published.join() : null, n: drawn.sample.length });
    } finally {
      setBusy(false);
    }
  };
  const stratumLabel = (s: string, street: string) => (
    <span><Data>{street}</Data> · {labels.legalForm(s.split('|')[1] as LegalForm)}</span>
  );
  const streetOf = new Map(plan.population.map((p) => [p.stratum, p.streetName]));
  const sampleColumns: TableColumnsType<PublicPlan['sample'][number]> = [
    { title: t('pub.col.name'), key: 'name', render: (_: unknown, s) => <Data>{s.orgName}</Data> },
    { title: t('pub.col.key'), key: 'key', render: (_: unknown, s) => <span className="insp-seed">{s.key}</span> },
    { title: t('pub.col.stratum'), key: 'stratum', render: (_: unknown, s) => stratumLabel(s.stratum, streetOf.get(s.stratum) ?? '') },
    ...(isMobile ? [] : [{ title: t('pub.col.hash'), key: 'hash', render: (_: unknown, s: PublicPlan['sample'][number]) => <span className="insp-seed">{s.rankHash.slice(0, 16)}…</span> }]),
  ];
  const popColumns: TableColumnsType<PublicPlan['population'][number]> = [
    { title: t('pub.col.name'), key: 'name', render: (_: unknown, s) => <Data>{s.orgName}</Data> },
    { title: t('pub.col.key'), key: 'key', render: (_: unknown, s) => <span className="insp-seed">{s.key}</span> },
    { title: t('pub.col.stratum'), key: 'stratum', render: (_: unknown, s) => stratumLabel(s.stratum, s.streetName) },
  ];
  const resultColumns: TableColumnsType<PublicPlan['results'][number]> = [
    { title: t('pub.col.name'), key: 'name', render: (_: unknown, r) => <Link to={`/public/orgs/${r.orgId}`}><Data>{r.orgName}</Data></Link> },
    { title: t('pub.col.result'), key: 'result', render: (_: unknown, r) => <Tag color={r.result === 'problems' ? 'orange' : 'green'}>{t(`check.result.${r.result}`)}</Tag> },
    { title: t('pub.col.checkedOn'), dataIndex: 'checkedOn', key: 'checkedOn' },
    { title: t('pub.col.rectify'), key: 'rectify', render: (_: unknown, r) => (r.rectifiedOn ? t('item.rectifiedOn', { date: r.rectifiedOn }) : r.rectifyBy ? t('item.rectifyBy', { date: r.rectifyBy }) : '—') },
  ];
  return (
    <Space direction="vertical" size="middle" className="full-width">
      <Card className="public-card" title={<Data>{plan.title}</Data>}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('plan.district')}><Data>{plan.districtName}</Data></Descriptions.Item>
          <Descriptions.Item label={t('insp.col.kind')}>{t(`insp.kind.${plan.kind}`)} · {plan.year} · {t('insp.percentValue', { n: plan.ratioBp / 100 })}</Descriptions.Item>
          <Descriptions.Item label={t('plan.basis')}><ServerText>{plan.basis}</ServerText></Descriptions.Item>
          <Descriptions.Item label={t('plan.publishedOn')}>{plan.publishedOn}</Descriptions.Item>
          <Descriptions.Item label={t('plan.seed')}><span className="insp-seed">{plan.seed}</span></Descriptions.Item>
        </Descriptions>
      </Card>
      <Card className="public-card" title={t('pub.steps')}>
        <Steps direction="vertical" size="small" current={-1} items={[{ title: t('pub.step1') }, { title: t('pub.step2') }, { title: t('pub.step3') }]} />
        <Button type="primary" onClick={recompute} loading={busy}>{busy ? t('pub.computing') : t('pub.recompute')}</Button>
        {check && (
          <Space direction="vertical" className="full-width insp-check">
            <Alert type={check.seedOk ? 'success' : 'error'} showIcon message={check.seedOk ? t('pub.seedMatch') : t('pub.seedMismatch')} description={<span className="insp-seed">{check.seed}</span>} />
            {check.sampleOk === null ? (
              <Alert type="info" showIcon message={t('pub.notDrawn')} />
            ) : (
              <Alert type={check.sampleOk ? 'success' : 'error'} showIcon message={check.sampleOk ? t('pub.sampleMatch', { n: check.n }) : t('pub.sampleMismatch')} />
            )}
            <Typography.Text strong>{t('pub.canonical')}</Typography.Text>
            <pre className="insp-canonical" data-value="" tabIndex={0}>{check.text}</pre>
          </Space>
        )}
      </Card>
      <Card className="public-card" title={t('pub.sample')}>
        {plan.status === 'drawn' ? <Table rowKey="key" size="small" pagination={false} columns={sampleColumns} dataSource={plan.sample} /> : <Alert type="info" showIcon message={t('pub.notDrawn')} />}
      </Card>
      <Card className="public-card" title={t('pub.results')}>
        <Table rowKey="orgId" size="small" pagination={false} columns={resultColumns} dataSource={plan.results} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pub.noResults')} /> }} />
      </Card>
      <Card className="public-card" title={t('pub.population', { n: plan.population.length })}>
        <Table rowKey="key" size="small" pagination={{ pageSize: 20, showSizeChanger: false }} columns={popColumns} dataSource={plan.population} />
      </Card>
    </Space>
  );
}
