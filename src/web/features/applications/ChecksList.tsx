import { Link } from 'react-router-dom';
import { Button, Typography } from 'antd';
import { CloseCircleFilled, ExclamationCircleFilled, InfoCircleFilled } from '@ant-design/icons';
import { useCan } from '../../auth/session.js';
import { useAT } from './app-i18n.js';
import type { Application } from './applications.api.js';

type Check = Application['checks'][number];
const ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * The rules' findings: errors block submission, warnings are the reviewer's to weigh (with a reason), notes inform.
 * Each level has its own icon and word, not only its colour.
 */
export function ChecksList({ checks, emptyText, onFix }: { checks: Check[]; emptyText?: string; onFix?: (c: Check) => (() => void) | undefined }) {
  const at = useAT();
  const canOpenOrgs = useCan()('org.read');
  if (checks.length === 0) return <Typography.Text type="secondary">{emptyText ?? at('checks.none')}</Typography.Text>;
  const sorted = [...checks].sort((a, b) => ORDER[a.level] - ORDER[b.level]);
  return (
    <ul className="checks-list">
      {sorted.map((c, i) => {
        const fix = onFix?.(c);
        return (
          <li key={`${c.code}-${i}`} className={`check check-${c.level}`}>
            <span className="check-level">
              {c.level === 'error' ? <CloseCircleFilled /> : c.level === 'warning' ? <ExclamationCircleFilled /> : <InfoCircleFilled />}
              {at(`checks.${c.level}`)}
            </span>
            <span className="check-message">
              {c.message}
              {c.orgs && c.orgs.length > 0 && (
                <span className="check-orgs">
                  {at('checks.similar')}
                  {c.orgs.map((o, j) => (
                    <span key={o.id}>
                      {j > 0 && '、'}
                      {canOpenOrgs ? (
                        <Link to={`/orgs/${o.id}`} target="_blank">
                          {o.name}
                        </Link>
                      ) : (
                        o.name
                      )}
                    </span>
                  ))}
                </span>
              )}
            </span>
            {fix && (
              <Button size="small" type="link" onClick={fix}>
                {at('wizard.goFix')}
              </Button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
