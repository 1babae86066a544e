import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useCurrentUser } from '../../auth/session.js';
import { queuePathFor, reviewCountsQuery } from './reviews.api.js';
import { useRT } from './reviews.messages.js';

// Kept tiny: the app header loads it on every page (the queue pages are lazy chunks).

/**
 * The header's to-do bell over every subject kind of the review chain (issue 11 item 3): how many wait for me, red
 * when any is overdue, each kind's count in the tooltip; a click opens the queue.
 */
export function ToDoBell() {
  const rt = useRT();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const counts = useQuery({ ...reviewCountsQuery(), enabled: user.permissions.includes('review.read') });
  const c = counts.data;
  if (!c) return null;
  const title = c.mine === 0 ? rt('bell.none') : rt('bell.title', { n: c.mine, soon: c.dueSoon, late: c.overdue });
  const kinds = c.byKind.filter((k) => k.mine > 0);
  const tip = (
    <div>
      <div>{title}</div>
      {kinds.length > 1 && kinds.map((k) => <div key={k.kind}>{rt('byKind', { label: k.label, n: k.mine })}</div>)}
    </div>
  );
  return (
    <Tooltip title={tip}>
      <Badge count={c.mine} size="small" overflowCount={99} color={c.overdue > 0 ? '#cf1322' : '#1b5eab'} offset={[-4, 4]}>
        <Button type="text" icon={<BellOutlined />} aria-label={title} onClick={() => navigate(queuePathFor(c))}>
          {rt('bell.label')}
        </Button>
      </Badge>
    </Tooltip>
  );
}
