import { Tag } from 'antd';
import { Data } from '../../components/Data.js';
import { useT } from '../../i18n.js';
import { PENALTY_KIND_LABELS, type PenaltyKind } from '../../../shared/schemas/penalties.js';
import { formatYuan } from '../../lib/format.js';
import { penaltiesMessages } from './penalties.messages.js';
import type { Penalty } from './penalties.api.js';

const KIND_COLORS: Record<PenaltyKind, string> = { warning: 'gold', fine: 'orange', confiscation: 'volcano', suspension: 'red', revocation: 'magenta' };

/** The kind as the law names it (server text: Chinese in both languages, like the decisions themselves). */
export function PenaltyKindTag({ kind }: { kind: PenaltyKind }) {
  return (
    <Tag color={KIND_COLORS[kind]} variant="outlined">
      <Data>{PENALTY_KIND_LABELS[kind]}</Data>
    </Tag>
  );
}

export function PenaltyStatusTag({ p }: { p: Pick<Penalty, 'status' | 'carriedOutOn'> }) {
  const t = useT(penaltiesMessages);
  if (p.status === 'annulled') return <Tag>{t('pen.status.annulled')}</Tag>;
  return <Tag color={p.carriedOutOn ? 'green' : 'blue'}>{p.carriedOutOn ? t('pen.carried') : t('pen.notCarried')}</Tag>;
}

/** ¥60,000.00, or — for the kinds without an amount. */
export const amountText = (fen: number | null) => (fen === null ? '—' : formatYuan(fen));
