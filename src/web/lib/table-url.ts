import type { TablePaginationConfig } from 'antd';
import type { SorterResult, TableCurrentDataSource } from 'antd/es/table/interface';

type Update = (patch: Record<string, string | number | null>) => void;

/**
 * The onChange of a server-paged table whose sort and page live in the address bar: `-field` for descending,
 * the default sort and the first page left out of the URL.
 */
export function urlTableChange<T>(update: Update, sortable: readonly string[], defaultSort: string) {
  return (pagination: TablePaginationConfig, _filters: unknown, sorter: SorterResult<T> | SorterResult<T>[], extra: TableCurrentDataSource<T>) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = String(s?.columnKey ?? '');
      const sort = s?.order && sortable.includes(field) ? (s.order === 'descend' ? `-${field}` : field) : null;
      update({ sort: sort === defaultSort ? null : sort });
    } else {
      update({
        page: pagination.current === 1 ? null : (pagination.current ?? null),
        pageSize: pagination.pageSize === 20 ? null : (pagination.pageSize ?? null),
      });
    }
  };
}
