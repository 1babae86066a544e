import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useCurrentUser } from '../../auth/session.js';
import { useT } from '../../i18n.js';
import { countsQuery } from './applications.api.js';

// Kept tiny: the app header loads it on every page (the rest of the applications feature is a lazy chunk), so its
// words are the shell's (common.messages.ts), not the feature's table.

/** To-dos of the signed-in user (header badge, queue tab): refreshed every minute and after every action. */
export function useToDoCounts() {
  const user = useCurrentUser();
  return useQuery(countsQuery(user.permissions.includes('application.read')));
}

/** The header's to-do bell: how many wait for me, red when any is overdue; a click opens the queue. */
export function ToDoBell() {
  const t = useT();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const counts = useToDoCounts();
  const c = counts.data;
  // Checked here, not only in the query's `enabled`: a cached count of an earlier session must not show.
  if (!c || !user.permissions.includes('application.read')) return null;
  const title = c.mine === 0 ? t('layout.todoNone') : t('layout.todoCount', { mine: c.mine, dueSoon: c.dueSoon, overdue: c.overdue });
  return (
    <Tooltip title={title}>
      <Badge count={c.mine} size="small" overflowCount={99} color={c.overdue > 0 ? '#cf1322' : '#1b5eab'} offset={[-4, 4]}>
        <Button type="text" icon={<BellOutlined />} aria-label={title} onClick={() => navigate('/applications?queue=mine')}>
          {t('layout.todo')}
        </Button>
      </Badge>
    </Tooltip>
  );
}
