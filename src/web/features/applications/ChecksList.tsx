import { Link } from 'react-router-dom';
import { Button, Typography } from 'antd';
import { CloseCircleFilled, ExclamationCircleFilled, InfoCircleFilled } from '@ant-design/icons';
import { useCan } from '../../auth/session.js';
import type { Application } from './applications.api.js';
import { useT } from '../../i18n.js';
import { applicationsMessages, useCheckText } from './applications.messages.js';
import { RuleWarningText } from '../orgs/OrgWarnings.js';
import { Data, ServerText } from '../../components/Data.js';

type Check = Application['checks'][number];
/** The registry's rule warnings, worded by the registry (orgs.messages useRuleWarningText). */
const RULE_CODES = ['similar_org', 'prohibited_kind', 'strict_control'];

/** A check's words; a name inside them (the leader's) is data, shown as entered. */
function CheckText({ check }: { check: Check }) {
  const text = useCheckText()(check);
  if (text.server) return <ServerText>{text.text}</ServerText>;
  const names = Object.values(check.params ?? {}).filter((v): v is string => typeof v === 'string' && v.length > 0);
  if (names.length === 0) return <>{text.text}</>;
  const parts = text.text.split(new RegExp(`(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`));
  return <>{parts.map((p, i) => (names.includes(p) ? <Data key={i}>{p}</Data> : p))}</>;
}
const ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * The rules' findings: errors block submission, warnings are the reviewer's to weigh (with a reason), notes inform.
 * Each level has its own icon and word, not only its colour.
 */
export function ChecksList({ checks, emptyText, onFix }: { checks: Check[]; emptyText?: string; onFix?: (c: Check) => (() => void) | undefined }) {
  const t = useT(applicationsMessages);
  const canOpenOrgs = useCan()('org.read');
  if (checks.length === 0) return <Typography.Text type="secondary">{emptyText ?? t('checks.none')}</Typography.Text>;
  const sorted = [...checks].sort((a, b) => ORDER[a.level] - ORDER[b.level]);
  return (
    <ul className="checks-list">
      {sorted.map((c, i) => {
        const fix = onFix?.(c);
        return (
          <li key={`${c.code}-${i}`} className={`check check-${c.level}`}>
            <span className="check-level">
              {c.level === 'error' ? <CloseCircleFilled /> : c.level === 'warning' ? <ExclamationCircleFilled /> : <InfoCircleFilled />}
              {t(`checks.${c.level}`)}
            </span>
            <span className="check-message">
              {RULE_CODES.includes(c.code) ? <RuleWarningText warning={c} /> : <CheckText check={c} />}
              {c.orgs && c.orgs.length > 0 && (
                <span className="check-orgs">
                  {t('checks.similar')}
                  {c.orgs.map((o, j) => (
                    <span key={o.id}>
                      {j > 0 && t('checks.sep')}
                      {canOpenOrgs ? (
                        <Link to={`/orgs/${o.id}`} target="_blank">
                          <Data>{o.name}</Data>
                        </Link>
                      ) : (
                        <Data>{o.name}</Data>
                      )}
                    </span>
                  ))}
                </span>
              )}
            </span>
            {fix && (
              <Button size="small" type="link" onClick={fix}>
                {t('wizard.goFix')}
              </Button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
