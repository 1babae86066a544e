import { useMemo, useState, type CSSProperties } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Spin, Tag, Typography } from 'antd';
import { filterPrefix } from '../../components/FilterSelect.js';
import { SearchOutlined } from '@ant-design/icons';
import { searchQuery, type RegionSearchHit } from './regions.api.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { regionsMessages } from './regions.messages.js';
import { useDebouncedValue } from '../../lib/hooks.js';

export interface RegionRefLike {
  code: string;
  name: string;
  level?: number;
}

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (code: string | null, hit?: RegionSearchHit) => void;
  /** The region the current value stands for, so its name shows before any search. */
  initial?: RegionRefLike | null;
  placeholder?: string;
  allowClear?: boolean;
  /** Options that may not be chosen (shown greyed, with `disabledNote`). */
  isDisabled?: (hit: RegionSearchHit) => boolean;
  disabledNote?: string;
  style?: CSSProperties;
  className?: string;
  size?: 'small' | 'middle' | 'large';
  /** Show a search icon: the box is a finder, not a field. */
  searchIcon?: boolean;
  /** A finder that empties itself once something is chosen (it opens the choice rather than holding it). */
  clearOnSelect?: boolean;
  /** As a list filter: its name stays in view once a region is chosen (FilterSelect). */
  filterLabel?: string;
}

interface Option {
  value: string;
  label: string;
  hit?: RegionSearchHit;
  ref?: RegionRefLike;
  disabled?: boolean;
}

/** Finds a region by Chinese name, full pinyin (`jizhou`), initials (`jzq`) or code, within the user's view. */
export function RegionSelect(props: Props) {
  const t = useT(regionsMessages);
  const labels = useEnumLabels();
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<RegionRefLike | null>(null);
  const [generation, setGeneration] = useState(0);
  const q = useDebouncedValue(text.trim(), 300);
  const search = useQuery({ ...searchQuery(q), placeholderData: keepPreviousData });
  const hits = q ? search.data?.items : undefined;

  const { value, initial, isDisabled } = props;
  const options = useMemo<Option[]>(() => {
    const list: Option[] = (hits ?? []).map((hit) => ({
      value: hit.code,
      label: hit.name,
      hit,
      disabled: isDisabled?.(hit) ?? false,
    }));
    // Keep the current value's option so the field shows a name, not a bare code.
    const current = value ? (picked?.code === value ? picked : initial?.code === value ? initial : null) : null;
    if (current && !list.some((o) => o.value === current.code)) {
      list.unshift({ value: current.code, label: current.name, ref: current });
    }
    return list;
  }, [hits, value, initial, picked, isDisabled]);

  const waiting = text.trim() !== q || search.isFetching;
  const notFound = !text.trim() ? (
    <Typography.Text type="secondary">{t('region.searchTooShort')}</Typography.Text>
  ) : waiting ? (
    <Spin size="small" />
  ) : (
    <Typography.Text type="secondary">{t('region.searchEmpty')}</Typography.Text>
  );

  return (
    <Select<string, Option>
      key={generation}
      id={props.id}
      className={props.className}
      style={props.style}
      size={props.size}
      value={props.value ?? undefined}
      placeholder={props.placeholder ?? t('region.search')}
      allowClear={props.allowClear}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text, autoClearSearchValue: true }}
      prefix={props.searchIcon ? <SearchOutlined /> : props.filterLabel ? filterPrefix(props.filterLabel, !!props.value) : undefined}
      aria-label={props.filterLabel}
      suffixIcon={props.searchIcon ? null : undefined}
      notFoundContent={notFound}
      loading={search.isFetching}
      options={options}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 300, maxWidth: 'min(560px, 94vw)' } } }}
      optionRender={(option) => {
        const o = option.data as Option;
        const level = o.hit?.level ?? o.ref?.level;
        return (
          <div className="region-option">
            <div>
              <span className="region-option-name">{o.label}</span>
              {level !== undefined && <Tag className="region-option-tag">{labels.level(level)}</Tag>}
              {o.disabled && props.disabledNote && <Typography.Text type="secondary">{props.disabledNote}</Typography.Text>}
            </div>
            <Typography.Text type="secondary" className="region-option-path">
              {o.hit ? `${o.hit.path} · ${o.hit.code}` : o.value}
            </Typography.Text>
          </div>
        );
      }}
      onChange={(value, option) => {
        const o = Array.isArray(option) ? undefined : (option as Option | undefined);
        if (o?.hit) setPicked({ code: o.hit.code, name: o.hit.name, level: o.hit.level });
        setText('');
        if (props.clearOnSelect) setGeneration((g) => g + 1);
        props.onChange?.(value ?? null, o?.hit);
      }}
    />
  );
}
