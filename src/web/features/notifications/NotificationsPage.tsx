import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { App as AntApp, Button, Card, Empty, Pagination, Segmented, Space, Tag, Typography } from 'antd';
import { CheckOutlined, InboxOutlined } from '@ant-design/icons';
import { LoadError } from '../../components/LoadError.js';
import { ServerText } from '../../components/Data.js';
import { errorMessage } from '../../api/client.js';
import { useT } from '../../i18n.js';
import { formatDateTime } from '../../lib/format.js';
import { intParam, oneOf, useUrlFilters } from '../../lib/hooks.js';
import { usePageTitle } from '../../lib/page-title.js';
import { notificationsQuery, useMarkAllRead, useMarkRead, type InboxFilter, type Notification } from './notifications.api.js';
import { notificationMessages, type NotificationMsgKey } from './notifications.messages.js';
import './notifications.css';

const PAGE_SIZE = 20;
const FILTERS: readonly InboxFilter[] = ['all', 'unread'];

const KIND_COLORS: Record<string, string> = { reminder: 'gold', overdue: 'red', 'review.return': 'orange', 'review.reject': 'volcano', 'review.approve': 'green', 'review.advance': 'blue' };
const KNOWN_KINDS = new Set(Object.keys(KIND_COLORS));

/** The inbox (issue 13 item 6): one's own notifications, unread first; each leads to its item. */
export default function NotificationsPage() {
  const t = useT(notificationMessages);
  usePageTitle(t('inbox.title'));
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useUrlFilters();
  const filter = oneOf(FILTERS, params.get('filter')) ?? 'all';
  const page = intParam(params, 'page', 1, 10_000);
  const list = useQuery(notificationsQuery(filter, page, PAGE_SIZE));
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const data = list.data;

  const open = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    if (n.link) navigate(n.link);
  };
  const readAll = () =>
    markAll.mutate(undefined, {
      onSuccess: (r) => void message.success(t('inbox.markedAll', { n: r.marked })),
      onError: (err) => void message.error(errorMessage(err)),
    });

  const kindLabel = (kind: string) => t((KNOWN_KINDS.has(kind) ? `inbox.kind.${kind}` : 'inbox.kind.other') as NotificationMsgKey);

  return (
    <Card
      className="inbox-page"
      title={
        <Space wrap>
          <InboxOutlined />
          <span>{t('inbox.title')}</span>
          {data && data.unread > 0 && <Tag color="blue">{t('inbox.unreadCount', { n: data.unread })}</Tag>}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('inbox.intro')}</Typography.Paragraph>
      <div className="inbox-toolbar">
        <Segmented<InboxFilter>
          aria-label={t('inbox.filterLabel')}
          value={filter}
          options={[
            { value: 'all', label: t('inbox.filterAll') },
            { value: 'unread', label: t('inbox.filterUnread') },
          ]}
          onChange={(v) => setParams({ filter: v === 'all' ? null : v, page: null })}
        />
        <Button icon={<CheckOutlined />} onClick={readAll} loading={markAll.isPending} disabled={!data || data.unread === 0}>
          {t('inbox.markAllRead')}
        </Button>
      </div>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : data && data.items.length === 0 ? (
        <Empty description={t(filter === 'unread' ? 'inbox.emptyUnread' : 'inbox.emptyAll')} />
      ) : (
        <ul className="inbox-list" aria-busy={list.isFetching}>
          {data?.items.map((n) => (
            <li key={n.id} className={n.readAt ? 'inbox-item' : 'inbox-item inbox-item-unread'}>
              <div className="inbox-item-head">
                <Tag color={KIND_COLORS[n.kind]}>{kindLabel(n.kind)}</Tag>
                {!n.readAt && <span className="inbox-dot" aria-label={t('inbox.unread')} role="img" />}
                <span className="inbox-time">{formatDateTime(n.createdAt, false)}</span>
              </div>
              <div className="inbox-item-title">
                {n.link ? (
                  <Link to={n.link} onClick={(e) => { e.preventDefault(); open(n); }}>
                    <ServerText>{n.title}</ServerText>
                  </Link>
                ) : (
                  <ServerText>{n.title}</ServerText>
                )}
              </div>
              {n.body && (
                <div className="inbox-item-body">
                  <ServerText>{n.body}</ServerText>
                </div>
              )}
              <div className="inbox-item-actions">
                {n.link && (
                  <Button type="primary" ghost onClick={() => open(n)}>
                    {t('inbox.open')}
                  </Button>
                )}
                {n.readAt ? (
                  <Typography.Text type="secondary">{t('inbox.read')}</Typography.Text>
                ) : (
                  <Button onClick={() => markRead.mutate(n.id, { onError: (err) => void message.error(errorMessage(err)) })}>{t('inbox.markRead')}</Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {data && data.total > PAGE_SIZE && (
        <Pagination
          className="inbox-pager"
          current={page}
          pageSize={PAGE_SIZE}
          total={data.total}
          showSizeChanger={false}
          showTotal={(n) => t('inbox.total', { n })}
          onChange={(p) => setParams({ page: p === 1 ? null : p })}
        />
      )}
    </Card>
  );
}
