import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Card, Skeleton } from 'antd';
import { ApiError } from '../api/client.js';
import { LoadError } from './LoadError.js';

/**
 * A record page until its record is in: a skeleton while loading, `notFound` for a bad id or a record
 * that does not exist or is out of the user's reach (403 says no more than 404), else the error with a retry.
 */
export function RecordLoader<T>({
  query,
  validId,
  skeletonRows,
  notFound,
  children,
}: {
  query: UseQueryResult<T>;
  validId: boolean;
  skeletonRows: number;
  notFound: ReactNode;
  children: (record: T) => ReactNode;
}) {
  if (!validId) return notFound;
  if (query.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: skeletonRows }} />
      </Card>
    );
  }
  if (query.isError) {
    if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 403)) return notFound;
    return (
      <Card>
        <LoadError error={query.error} onRetry={() => query.refetch()} />
      </Card>
    );
  }
  return children(query.data);
}

/** Whether a route's `:id` can name a record at all. */
export const isRecordId = (id: number) => Number.isInteger(id) && id > 0;
