import { Link } from 'react-router-dom';
import { Alert } from 'antd';
import { useT } from '../../i18n.js';
import { Data, ServerText } from '../../components/Data.js';
import type { OrgWarning } from './orgs.api.js';
import { orgsMessages, useRuleWarningText } from './orgs.messages.js';

/** One rule warning's words: in English the web's own, with the seed's sentence quoted as written. */
export function RuleWarningText({ warning }: { warning: { code: string; message: string; orgs?: { why?: string[] }[] } }) {
  const t = useT(orgsMessages);
  const text = useRuleWarningText()(warning);
  return (
    <>
      {text.server ? <ServerText>{text.text}</ServerText> : text.text}
      {text.quote && (
        <div className="rule-quote">
          {t('orgs.ruleQuote')}
          <q lang="zh-CN" data-value="quote">
            {text.quote}
          </q>
        </div>
      )}
    </>
  );
}

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
              <RuleWarningText warning={w} />
              {w.orgs && w.orgs.length > 0 && (
                <div className="org-warning-orgs">
                  {t('orgs.similarOrgs')}
                  {w.orgs.map((o, j) => (
                    <span key={o.id}>
                      {j > 0 && t('orgs.why.sep')}
                      <Link to={`/orgs/${o.id}`}>
                        <Data>{o.name}</Data>
                      </Link>
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
