import { useEffect, useId } from 'react';
import { useT } from '../i18n.js';

/**
 * The browser tab's title per page (issue 22 item 8: screen readers announce it and tabs are told apart). The
 * frame (AppLayout) gives every page its menu name at priority 0; a page that knows better (a record's name)
 * calls usePageTitle with priority 1, which wins while it is shown. Titles read "page · 社组通".
 */
const titles = new Map<string, { title: string; priority: number; at: number }>();
let counter = 0;
let suffix = '';

function apply() {
  let best: { title: string; priority: number; at: number } | undefined;
  for (const t of titles.values()) if (!best || t.priority > best.priority || (t.priority === best.priority && t.at > best.at)) best = t;
  if (best) document.title = suffix && best.title !== suffix ? `${best.title} · ${suffix}` : best.title;
}

export function usePageTitle(title: string | undefined, priority = 1) {
  const id = useId();
  const appName = useT()('app.name');
  useEffect(() => {
    if (!title) return;
    suffix = appName;
    titles.set(id, { title, priority, at: ++counter });
    apply();
    return () => {
      titles.delete(id);
      apply();
    };
  }, [id, title, appName, priority]);
}
