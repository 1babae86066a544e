import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Spin, Typography } from 'antd';
import { useT } from '../../i18n.js';
import { useDebouncedValue } from '../../lib/hooks.js';
import { hubSearchQuery } from './orgs.api.js';
import { orgsMessages } from './orgs.messages.js';

interface Props {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** The hub the record belongs to now, so its name shows before any search. */
  initial?: { id: number; name: string } | null;
  /** The record being edited: it cannot be its own hub. */
  exceptId?: number;
}

/** Picks the hub federation (枢纽型组织) an organization belongs to, searched by name, pinyin or initials. */
export function HubSelect({ id, value, onChange, initial, exceptId }: Props) {
  const t = useT(orgsMessages);
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  const hubs = useQuery({ ...hubSearchQuery(q), placeholderData: keepPreviousData });

  const options = useMemo(() => {
    const list = (hubs.data?.items ?? [])
      .filter((o) => o.id !== exceptId)
      .map((o) => ({ value: o.id, label: o.name, path: o.regionPath }));
    if (initial && value === initial.id && !list.some((o) => o.value === initial.id)) {
      list.unshift({ value: initial.id, label: initial.name, path: '' });
    }
    return list;
  }, [hubs.data, exceptId, initial, value]);

  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(v) => {
        setText('');
        onChange?.(v ?? null);
      }}
      allowClear
      placeholder={t('orgs.hubPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      loading={hubs.isFetching}
      notFoundContent={hubs.isFetching ? <Spin size="small" /> : <Typography.Text type="secondary">{t('orgs.hubNone')}</Typography.Text>}
      options={options}
      optionRender={(option) => (
        <div>
          <div>{option.data.label}</div>
          {option.data.path && (
            <Typography.Text type="secondary" className="region-option-path">
              {option.data.path}
            </Typography.Text>
          )}
        </div>
      )}
    />
  );
}
