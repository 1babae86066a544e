import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { Badge, Button, Tooltip } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useCurrentUser } from '../../auth/session.js';
import { useIsMobile } from '../../lib/hooks.js';
import { useT } from '../../i18n.js';
import { notificationCountQuery } from './notifications.api.js';
import { notificationMessages } from './notifications.messages.js';

/**
 * The header's inbox count (issue 13 item 6), beside the to-do bell: the to-dos are work waiting at my step, the
 * inbox what I was told (reminders, decisions, overdue items). A click opens the inbox page.
 */
export function InboxBell() {
  const t = useT(notificationMessages);
  const navigate = useNavigate();
  const user = useCurrentUser();
  const isMobile = useIsMobile();
  const allowed = user.permissions.includes('notification.read');
  const count = useQuery(notificationCountQuery(allowed));
  const unread = count.data?.unread;
  if (unread === undefined || !allowed) return null;
  const title = unread === 0 ? t('inbox.bellNone') : t('inbox.bellCount', { n: unread });
  return (
    <Tooltip title={title}>
      <Badge count={unread} size="small" overflowCount={99} color="#1b5eab" offset={[-4, 4]}>
        <Button type="text" icon={<InboxOutlined />} aria-label={title} onClick={() => navigate('/notifications')}>
          {isMobile ? null : t('inbox.bell')}
        </Button>
      </Badge>
    </Tooltip>
  );
}
