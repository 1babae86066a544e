import type { ReactNode } from 'react';
import { useEnumLabels } from '../i18n.js';

/**
 * A data value (a name, a place, a district's own category, what a user typed): shown as stored, in any
 * language. The attribute data-value tells it apart from the interface's own words: the English-page check
 * (test/browser/english.browser.test.ts) accepts Chinese inside [data-value] only (issue 22 item 9).
 */
export function Data({ children }: { children: ReactNode }) {
  return <span data-value="">{children}</span>;
}

/** Text from the server that has no English form (a message the web has no words for), shown as data. */
export function ServerText({ children }: { children: ReactNode }) {
  return (
    <span data-value="server" lang="zh-CN">
      {children}
    </span>
  );
}

/** A category in the page's language: the default ones translated, a district's own word shown as data. */
export function CategoryText({ value }: { value: string }) {
  const labels = useEnumLabels();
  return labels.categoryIsData(value) ? <Data>{value}</Data> : <>{labels.category(value)}</>;
}
