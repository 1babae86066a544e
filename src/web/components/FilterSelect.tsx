import { Select, type SelectProps } from 'antd';

/**
 * A list filter keeps its name in view once a value is chosen (issue 22 item 8: with only a placeholder,
 * "正常" alone does not say it filters by status). The name is the placeholder while empty, a prefix
 * ("状态：正常") once chosen, and the accessible name always.
 */
export function filterPrefix(label: string, hasValue: boolean) {
  return hasValue ? <span className="filter-label">{label}</span> : undefined;
}

export function FilterSelect<V = string>({ label, ...props }: SelectProps<V> & { label: string }) {
  const hasValue = props.value !== undefined && props.value !== null && !(Array.isArray(props.value) && props.value.length === 0);
  return <Select<V> {...props} placeholder={props.placeholder ?? label} aria-label={label} prefix={filterPrefix(label, hasValue) ?? props.prefix} />;
}
