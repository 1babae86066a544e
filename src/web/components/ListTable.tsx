import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Empty, Table, type TableProps } from 'antd';
import { useT } from '../i18n.js';
import { useIsMobile } from '../lib/hooks.js';
import { LoadError } from './LoadError.js';

/**
 * A server-paged list: the page of rows with its pager, or the load error with a retry.
 * On a phone the table does not scroll sideways and the pager is the small one.
 */
export function ListTable<T extends { id: number | string }>({
  list,
  page,
  pageSize,
  pageSizeOptions = [20, 50, 100],
  showTotal,
  empty,
  ...table
}: {
  list: UseQueryResult<{ items: T[]; total: number }>;
  page: number;
  pageSize: number;
  pageSizeOptions?: number[];
  /** The pager's count; "共 n 条" unless given. */
  showTotal?: (n: number) => ReactNode;
  /** What an empty list says (nothing while the first page loads); a `locale` given overrides it. */
  empty?: string;
} & Omit<TableProps<T>, 'rowKey' | 'size' | 'dataSource' | 'loading' | 'scroll' | 'pagination'>) {
  const t = useT();
  const isMobile = useIsMobile();
  if (list.isError) return <LoadError error={list.error} onRetry={() => list.refetch()} />;
  return (
    <Table<T>
      rowKey="id"
      size="middle"
      dataSource={list.data?.items}
      loading={list.isFetching}
      scroll={isMobile ? undefined : { x: 'max-content' }}
      pagination={{
        current: page,
        pageSize,
        total: list.data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions,
        showTotal: showTotal ?? ((n) => t('common.total', { n })),
        size: isMobile ? 'small' : undefined,
      }}
      {...(empty !== undefined ? { locale: { emptyText: list.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> } } : {})}
      {...table}
    />
  );
}
