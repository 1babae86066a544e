import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select, Spin, Typography } from 'antd';
import { useDebouncedValue } from '../../lib/hooks.js';
import { communitiesQuery, type CommunityHit } from './auth.api.js';

type Item = CommunityHit;

/** Finds a community or village by name, pinyin, initials or 12-digit code without signing in (GET /public/communities). */
export function CommunitySelect({ id, value, onChange, placeholder, empty, typeMore }: { id?: string; value?: string; onChange?: (code: string) => void; placeholder: string; empty: string; typeMore: string }) {
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<Item | null>(null);
  const q = useDebouncedValue(text.trim(), 300);
  const search = useQuery(communitiesQuery(q));
  const items = q ? (search.data?.items ?? []) : [];
  const options = items.map((i) => ({ value: i.code, label: i.name, item: i }));
  if (picked && value === picked.code && !options.some((o) => o.value === picked.code)) options.unshift({ value: picked.code, label: picked.name, item: picked });
  const waiting = text.trim() !== q || search.isFetching;

  return (
    <Select
      id={id}
      value={value || undefined}
      placeholder={placeholder}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      options={options}
      notFoundContent={!text.trim() ? <Typography.Text type="secondary">{typeMore}</Typography.Text> : waiting ? <Spin size="small" /> : <Typography.Text type="secondary">{empty}</Typography.Text>}
      optionRender={(o) => {
        const item = (o.data as { item: Item }).item;
        return (
          <div className="region-option">
            <div className="region-option-name">{item.name}</div>
            <Typography.Text type="secondary" className="region-option-path">
              {item.path} · {item.code}
            </Typography.Text>
          </div>
        );
      }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 300, maxWidth: 'min(560px, 94vw)' } } }}
      onChange={(code: string, option) => {
        const o = Array.isArray(option) ? undefined : (option as { item?: Item } | undefined);
        if (o?.item) setPicked(o.item);
        setText('');
        onChange?.(code);
      }}
    />
  );
}
