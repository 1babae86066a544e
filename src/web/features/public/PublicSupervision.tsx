import { Descriptions, Tag, Typography } from 'antd';
import { useT } from '../../i18n.js';
import { Data } from '../../components/Data.js';
import { formatYuan } from '../../lib/format.js';
import type { PublicCreditEntry } from '../../../shared/schemas/credit-public.js';
import type { PublicPenalty } from '../../../shared/schemas/penalties.js';
import { publicMessages } from './public.messages.js';
import './supervision.css';

/** One credit entry: its list, ground, the rule it rests on (basis text) and its days. */
function CreditEntry({ e }: { e: PublicCreditEntry }) {
  const t = useT(publicMessages);
  const days = [
    { key: 'listedOn', label: t('pub.credit.listedOn'), value: e.listedOn },
    ...(e.periodFrom !== e.listedOn ? [{ key: 'periodFrom', label: t('pub.credit.periodFrom'), value: e.periodFrom }] : []),
    ...(e.movedOn ? [{ key: 'movedOn', label: t('pub.credit.movedOn'), value: e.movedOn }] : []),
    ...(e.removedOn ? [{ key: 'removedOn', label: t('pub.credit.removedOn'), value: e.removedOn }] : []),
  ];
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      className="public-entry"
      data-testid="public-credit-entry"
      styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}
      title={
        <span>
          <Tag color={e.removedOn ? undefined : e.list === 'dishonest' ? 'red' : 'orange'}>
            <Data>{e.listLabel}</Data>
          </Tag>
        </span>
      }
      items={[
        { key: 'ground', label: t('pub.credit.ground'), children: <Data>{e.ground}</Data> },
        { key: 'basis', label: t('pub.credit.basis'), children: <Data>{e.basis.text}</Data> },
        ...days.map((d) => ({ key: d.key, label: d.label, children: <span className="mono">{d.value}</span> })),
        ...(e.removalReason ? [{ key: 'removal', label: t('pub.credit.removal'), children: <Data>{e.removalReason}</Data> }] : []),
      ]}
    />
  );
}

/** 信用信息: the entries in force first, then removed ones as history (民政部令第60号: removed entries stay on record). */
export function PublicCredit({ entries }: { entries: PublicCreditEntry[] }) {
  const t = useT(publicMessages);
  const current = entries.filter((e) => !e.removedOn);
  const past = entries.filter((e) => e.removedOn);
  return (
    <section className="public-section" data-testid="public-credit">
      <Typography.Title level={5}>{t('pub.credit.title')}</Typography.Title>
      {entries.length === 0 && <Typography.Text type="secondary">{t('pub.credit.none')}</Typography.Text>}
      {current.length > 0 && (
        <>
          <Typography.Text strong>{t('pub.credit.current')}</Typography.Text>
          {current.map((e) => (
            <CreditEntry key={e.id} e={e} />
          ))}
        </>
      )}
      {past.length > 0 && (
        <>
          <Typography.Text type="secondary">{t('pub.credit.history')}</Typography.Text>
          {past.map((e) => (
            <CreditEntry key={e.id} e={e} />
          ))}
        </>
      )}
    </section>
  );
}

/** 行政处罚: each decision with number, authority, day, facts and basis; annulled ones kept and marked. */
export function PublicPenalties({ penalties }: { penalties: PublicPenalty[] }) {
  const t = useT(publicMessages);
  return (
    <section className="public-section" data-testid="public-penalties">
      <Typography.Title level={5}>{t('pub.pen.title')}</Typography.Title>
      {penalties.length === 0 && <Typography.Text type="secondary">{t('pub.pen.none')}</Typography.Text>}
      {penalties.map((p) => (
        <Descriptions
          key={p.id}
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          className={p.annulledOn ? 'public-entry public-entry-annulled' : 'public-entry'}
          styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}
          title={
            <span>
              <Tag color={p.annulledOn ? undefined : 'orange'}>
                <Data>{p.kindLabel}</Data>
              </Tag>
              {p.annulledOn && <Tag>{t('pub.pen.annulled', { date: p.annulledOn })}</Tag>}
            </span>
          }
          items={[
            { key: 'no', label: t('pub.pen.no'), children: <Data>{p.decisionNo}</Data> },
            { key: 'body', label: t('pub.pen.body'), children: <Data>{p.decidingBody}</Data> },
            { key: 'decidedOn', label: t('pub.pen.decidedOn'), children: <span className="mono">{p.decidedOn}</span> },
            ...(p.amountFen !== null ? [{ key: 'amount', label: t('pub.pen.amount'), children: <span className="mono">{formatYuan(p.amountFen)}</span> }] : []),
            ...(p.suspendedFrom ? [{ key: 'period', label: t('pub.pen.period'), children: <span className="mono">{`${p.suspendedFrom} – ${p.suspendedTo ?? ''}`}</span> }] : []),
            { key: 'facts', label: t('pub.pen.facts'), children: <div className="pre-wrap" data-value="">{p.facts}</div>, span: 'filled' },
            { key: 'basis', label: t('pub.pen.basis'), children: <Data>{p.legalBasis}</Data>, span: 'filled' },
            ...(p.annulledOn ? [{ key: 'annulled', label: t('pub.pen.annulled', { date: p.annulledOn }), children: t('pub.pen.annulledNote'), span: 'filled' as const }] : []),
          ]}
        />
      ))}
    </section>
  );
}
