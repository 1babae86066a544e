import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Skeleton, Space, Typography } from 'antd';
import { Data } from '../../components/Data.js';
import { LoadError } from '../../components/LoadError.js';
import { useT } from '../../i18n.js';
import { usePageTitle } from '../../lib/page-title.js';
import { myItemsQuery } from './inspections.api.js';
import { inspectionsMessages } from './inspections.messages.js';
import { InspectorTags, ItemState } from './PlanPage.js';
import './inspections.css';

/** `/inspections/mine`: the checks the signed-in inspector was drawn for (an expert sees these and nothing else). */
export default function MyChecksPage() {
  const t = useT(inspectionsMessages);
  usePageTitle(t('mine.title'));
  const q = useQuery(myItemsQuery());
  return (
    <Card title={t('mine.title')}>
      <Typography.Paragraph type="secondary">{t('mine.hint')}</Typography.Paragraph>
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <LoadError error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mine.empty')} />
      ) : (
        <List
          dataSource={q.data.items}
          renderItem={(i) => (
            <List.Item key={i.id} actions={[<Link key="open" to={`/inspections/items/${i.id}`}>{t('item.open')}</Link>]}>
              <Space direction="vertical" size={4}>
                <Link to={`/inspections/items/${i.id}`} className="org-name-link"><Data>{i.orgName}</Data></Link>
                <Typography.Text type="secondary"><Data>{i.planTitle}</Data></Typography.Text>
                <InspectorTags item={i} />
                <ItemState item={i} />
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
