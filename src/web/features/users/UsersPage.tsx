import { ListTable } from '../../components/ListTable.js';
import { urlTableChange } from '../../lib/table-url.js';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Input, Popconfirm, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { FilterSelect } from '../../components/FilterSelect.js';
import { PlusOutlined } from '@ant-design/icons';
import type { SortOrder } from 'antd/es/table/interface';
import { ROLES, type Role } from '../../../shared/enums.js';
import { errorMessage } from '../../api/client.js';
import { useCan, useCurrentUser } from '../../auth/session.js';
import { RegionSelect } from '../regions/RegionSelect.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { intParam, useIsMobile, useUrlFilters } from '../../lib/hooks.js';
import { ResetPasswordModal } from './ResetPasswordModal.js';
import { UserFormModal } from './UserFormModal.js';
import { usersQuery, useUnlockUser, useUpdateUser, type User, type UserFilter, type UserSort } from './users.api.js';
import { usersMessages } from './users.messages.js';

const SORTS: UserSort[] = ['username', '-username', 'createdAt', '-createdAt', 'lastLoginAt', '-lastLoginAt'];
const SORTABLE = ['username', 'createdAt', 'lastLoginAt'] as const;

function readFilter(params: URLSearchParams): UserFilter {
  const sort = params.get('sort') as UserSort | null;
  const role = params.get('role');
  const disabled = params.get('disabled');
  return {
    q: params.get('q') ?? undefined,
    role: role && (ROLES as readonly string[]).includes(role) ? role : undefined,
    region: params.get('region') ?? undefined,
    disabled: disabled === 'true' || disabled === 'false' ? disabled : undefined,
    sort: sort && SORTS.includes(sort) ? sort : 'username',
    page: intParam(params, 'page', 1),
    pageSize: intParam(params, 'pageSize', 20, 200),
  };
}

function orderOf(sort: UserSort, field: string): SortOrder {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

export default function UsersPage() {
  const t = useT(usersMessages);
  const labels = useEnumLabels();
  const can = useCan();
  const me = useCurrentUser();
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const [params, update] = useUrlFilters();
  const filter = readFilter(params);
  const list = useQuery(usersQuery(filter));
  const setDisabled = useUpdateUser();
  const unlock = useUnlockUser();
  const [editing, setEditing] = useState<User | null | undefined>(undefined); // undefined = closed, null = new
  const [resetting, setResetting] = useState<User | null>(null);
  const manage = can('user.manage');
  const regionName = params.get('regionName');

  const toggleDisabled = (u: User, disabled: boolean) =>
    setDisabled.mutate(
      { id: u.id, body: { disabled } },
      {
        onSuccess: () => message.success(t(disabled ? 'users.disabled' : 'users.enabled', { name: u.displayName })),
        onError: (err) => message.error(errorMessage(err)),
      },
    );

  const doUnlock = (u: User) =>
    unlock.mutate(u.id, {
      onSuccess: () => message.success(t('users.unlocked', { name: u.displayName })),
      onError: (err) => message.error(errorMessage(err)),
    });

  const status = (u: User) => (
    <Space size={4} wrap>
      {u.disabled && <Tag color="red">{t('users.statusDisabled')}</Tag>}
      {u.lockedUntil && (
        <Tooltip title={t('users.lockedUntil', { time: formatDateTime(u.lockedUntil) })}>
          <Tag color="orange">{t('users.statusLocked')}</Tag>
        </Tooltip>
      )}
      {!u.disabled && !u.lockedUntil && <Tag color="green">{t('users.statusActive')}</Tag>}
    </Space>
  );

  const desktopColumns: TableColumnsType<User> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      key: 'username',
      sorter: true,
      sortOrder: orderOf(filter.sort, 'username'),
      fixed: isMobile ? undefined : 'left',
      render: (v: string, u) => (
        <span>
          {v}
          {u.id === me.id && <Typography.Text type="secondary">{t('users.you')}</Typography.Text>}
        </span>
      ),
    },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName', render: (v: string) => <span data-value="">{v}</span> },
    { title: t('users.role'), dataIndex: 'role', key: 'role', render: (r: Role) => labels.role(r) },
    {
      title: t('users.region'),
      key: 'region',
      render: (_: unknown, u) =>
        u.region ? (
          <Tooltip title={u.region.code}>
            <span data-value="">{u.region.name}</span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('layout.wholeSystem')}</Typography.Text>
        ),
    },
    { title: t('users.phone'), dataIndex: 'phone', key: 'phone', render: (p: string | null) => p ?? '—' },
    {
      title: t('users.status'),
      key: 'status',
      render: (_: unknown, u) => status(u),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      sorter: true,
      sortOrder: orderOf(filter.sort, 'lastLoginAt'),
      render: (v: string | null) =>
        v ? formatDateTime(v, false) : <Typography.Text type="secondary">{t('users.never')}</Typography.Text>,
    },
    {
      title: t('users.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      sorter: true,
      sortOrder: orderOf(filter.sort, 'createdAt'),
      // Least needed day to day: only on wide screens, so the actions stay in view at 1366 px.
      responsive: ['xxl'],
      render: (v: string) => <Tooltip title={formatDateTime(v)}>{formatDate(v)}</Tooltip>,
    },
  ];

  // A phone has room for one summary column: who, what role, where, and the state.
  const phoneColumns: TableColumnsType<User> = [
    {
      title: t('users.displayName'),
      key: 'summary',
      render: (_: unknown, u) => (
        <div className="user-summary">
          <div>
            <strong data-value="">{u.displayName}</strong>
          </div>
          <Typography.Text type="secondary">
            {u.username}
            {u.id === me.id && t('users.you')}
          </Typography.Text>
          <div>
            {labels.role(u.role)} · {u.region ? <span data-value="">{u.region.name}</span> : t('layout.wholeSystem')}
          </div>
          {u.phone && <div>{u.phone}</div>}
          <div>{status(u)}</div>
        </div>
      ),
    },
  ];

  const columns = isMobile ? phoneColumns : desktopColumns;
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: isMobile ? undefined : 'right',
      className: 'no-print',
      render: (_: unknown, u) => (
        <Space size={0} wrap className="row-actions" orientation={isMobile ? 'vertical' : 'horizontal'} align="start">
          <Button type="link" size="small" onClick={() => setEditing(u)}>
            {t('users.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => setResetting(u)}>
            {t('users.resetPassword')}
          </Button>
          {u.id !== me.id &&
            (u.disabled ? (
              <Button type="link" size="small" onClick={() => toggleDisabled(u, false)}>
                {t('users.enable')}
              </Button>
            ) : (
              <Popconfirm
                title={t('users.disableConfirm', { name: u.displayName })}
                description={t('users.disableConfirmHint')}
                okText={t('users.disable')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => toggleDisabled(u, true)}
              >
                <Button type="link" size="small" danger>
                  {t('users.disable')}
                </Button>
              </Popconfirm>
            ))}
          {u.lockedUntil && (
            <Button type="link" size="small" onClick={() => doUnlock(u)}>
              {t('users.unlock')}
            </Button>
          )}
        </Space>
      ),
    });
  }

  return (
    <Card
      title={t('users.title')}
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} className="no-print">
            {t('users.create')}
          </Button>
        )
      }
    >
      <div className="filter-bar no-print">
        <Input.Search
          key={filter.q ?? ''}
          defaultValue={filter.q}
          placeholder={t('users.searchPlaceholder')}
          allowClear
          onSearch={(q) => update({ q: q.trim() })}
          className="filter-search"
          enterButton
        />
        <FilterSelect
          value={filter.role}
          label={t('users.filterRole')}
          allowClear
          options={ROLES.map((r) => ({ value: r, label: labels.role(r) }))}
          onChange={(role?: string) => update({ role })}
          className="filter-select"
        />
        <FilterSelect
          value={filter.disabled}
          label={t('users.filterStatus')}
          allowClear
          options={[
            { value: 'false', label: t('users.statusActive') },
            { value: 'true', label: t('users.statusDisabled') },
          ]}
          onChange={(disabled?: string) => update({ disabled })}
          className="filter-select-narrow"
        />
        <RegionSelect
          value={filter.region ?? null}
          initial={filter.region && regionName ? { code: filter.region, name: regionName } : null}
          placeholder={t('users.regionFilter')}
          filterLabel={t('users.regionFilter')}
          allowClear
          onChange={(code, hit) => update({ region: code, regionName: hit?.name })}
          className="filter-region"
        />
      </div>
      <ListTable<User>
        list={list}
        page={filter.page}
        pageSize={filter.pageSize}
        columns={columns}
        showSorterTooltip={false}
        locale={{ emptyText: list.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        onChange={urlTableChange(update, SORTABLE, 'username')}
      />
      <UserFormModal open={editing !== undefined} user={editing ?? null} onClose={() => setEditing(undefined)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Card>
  );
}
