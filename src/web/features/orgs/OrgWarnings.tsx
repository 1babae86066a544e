import { Link } from 'react-router-dom';
import { Alert } from 'antd';
import { useT } from '../../i18n.js';
import type { OrgWarning } from './orgs.api.js';
import { orgsMessages } from './orgs.messages.js';

/**
 * What the rules flag but do not block (a similar organization in the same community, a prohibited or
 * strictly controlled kind): the reviewer decides. A prohibited kind makes the whole notice an error.
 */
export function OrgWarnings({ warnings, justSaved }: { warnings: OrgWarning[]; justSaved?: boolean }) {
  const t = useT(orgsMessages);
  if (warnings.length === 0) return null;
  const severe = warnings.some((w) => w.code === 'prohibited_kind');
  return (
    <Alert
      className="org-warnings"
      type={severe ? 'error' : 'warning'}
      showIcon
      role="alert"
      title={justSaved ? t('orgs.savedWithWarnings') : t('orgs.warningsTitle')}
      description={
        <ul className="org-warning-list">
          {warnings.map((w, i) => (
            <li key={`${w.code}-${i}`}>
              {w.message}
              {w.orgs && w.orgs.length > 0 && (
                <div className="org-warning-orgs">
                  {t('orgs.similarOrgs')}
                  {w.orgs.map((o, j) => (
                    <span key={o.id}>
                      {j > 0 && '、'}
                      <Link to={`/orgs/${o.id}`}>{o.name}</Link>
                    </span>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ul>
      }
    />
  );
}
