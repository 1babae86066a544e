import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useCurrentUser } from '../../auth/session.js';
import { useT } from '../../i18n.js';
import { queuePathFor, reviewCountsQuery } from './reviews.api.js';

// Kept tiny: the app header loads it on every page (the queue pages are lazy chunks), so its words are the shell's
// (common.messages.ts), not the feature's table.

/**
 * The header's to-do bell over every subject kind of the review chain (issue 11 item 3): how many wait for me, red
 * when any is overdue, each kind's count in the tooltip when there are several; a click opens the queue.
 */
export function ToDoBell() {
  const t = useT();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const allowed = user.permissions.includes('review.read');
  const counts = useQuery(reviewCountsQuery(allowed));
  const c = counts.data;
  // Checked here, not only in the query's `enabled`: a cached count of an earlier session must not show.
  if (!c || !allowed) return null;
  const title = c.mine === 0 ? t('layout.todoNone') : t('layout.todoCount', { mine: c.mine, dueSoon: c.dueSoon, overdue: c.overdue });
  const kinds = c.byKind.filter((k) => k.mine > 0);
  const tip =
    kinds.length > 1 ? (
      <div>
        <div>{title}</div>
        {kinds.map((k) => (
          <div key={k.kind}>{t('layout.todoKind', { label: k.label, mine: k.mine })}</div>
        ))}
      </div>
    ) : (
      title
    );
  return (
    <Tooltip title={tip}>
      <Badge count={c.mine} size="small" overflowCount={99} color={c.overdue > 0 ? '#cf1322' : '#1b5eab'} offset={[-4, 4]}>
        <Button type="text" icon={<BellOutlined />} aria-label={title} onClick={() => navigate(queuePathFor(c))}>
          {t('layout.todo')}
        </Button>
      </Badge>
    </Tooltip>
  );
}
