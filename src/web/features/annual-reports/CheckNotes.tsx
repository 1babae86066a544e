import { Button, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { ServerText } from '../../components/Data.js';
import { useT } from '../../i18n.js';
import type { AnnualReportCheck } from './annual-reports.api.js';
import { annualMessages } from './annual-reports.messages.js';
import type { LiveCheck } from './report-form.js';

/** A check as shown: the web's own words for a live check, the server's (Chinese) message for the server's. */
export interface ShownCheck {
  key: string;
  field: string | null;
  level: 'error' | 'warning';
  text: string;
  server: boolean;
}

export function useLiveCheckText() {
  const t = useT(annualMessages);
  return (c: LiveCheck): string => {
    switch (c.code) {
      case 'sum':
        return t('check.sum', { ...c.vars, what: t(c.vars.what as 'check.sumIncome') });
      case 'balance':
        return t('check.balance', c.vars);
      case 'ledger':
        return t('check.ledger', c.vars);
      case 'largeChange':
        return t('check.largeChange', c.vars);
      case 'election':
        return t('note.election');
    }
  };
}

export const shownOfServer = (c: AnnualReportCheck, i: number): ShownCheck => ({ key: `s-${c.code}-${c.field ?? ''}-${i}`, field: c.field, level: c.level, text: c.message, server: true });

/** Each level with its own icon and word, not colour alone. */
function Level({ level }: { level: 'error' | 'warning' }) {
  const t = useT(annualMessages);
  return (
    <span className="check-level">
      {level === 'error' ? <CloseCircleFilled /> : <ExclamationCircleFilled />}
      {t(level === 'error' ? 'check.error' : 'check.warning')}
    </span>
  );
}

const Text = ({ c }: { c: ShownCheck }) => (c.server ? <ServerText>{c.text}</ServerText> : <>{c.text}</>);

/** The notes under one field (Form.Item's extra). */
export function FieldNotes({ checks }: { checks: ShownCheck[] }) {
  if (checks.length === 0) return null;
  return (
    <ul className="ar-field-notes" aria-live="polite">
      {checks.map((c) => (
        <li key={c.key} className={`ar-field-note check-${c.level}`} data-testid={`note-${c.field ?? 'report'}`}>
          <Level level={c.level} /> <Text c={c} />
        </li>
      ))}
    </ul>
  );
}

/** The summary before submission (and the reviewer's list): errors first, each with the way to its field. */
export function ChecksSummary({ checks, onFix, okText }: { checks: ShownCheck[]; onFix?: (field: string) => void; okText: string }) {
  const t = useT(annualMessages);
  if (checks.length === 0) {
    return (
      <Typography.Text type="success" className="ar-checks-ok">
        <CheckCircleFilled /> {okText}
      </Typography.Text>
    );
  }
  const sorted = [...checks].sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
  return (
    <ul className="ar-checks" data-testid="checks-summary">
      {sorted.map((c) => (
        <li key={c.key} className={`ar-check check-${c.level}`}>
          <Level level={c.level} />
          <span className="ar-check-message">
            <Text c={c} />
          </span>
          {onFix && c.field && (
            <Button size="small" type="link" onClick={() => onFix(c.field!)}>
              {t('form.goFix')}
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}
