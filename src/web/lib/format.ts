// Display formats: times in Beijing time whatever the browser's zone, counts with thousands separators.

const BEIJING = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function beijingParts(iso: string): Record<string, string> | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return Object.fromEntries(BEIJING.formatToParts(d).map((p) => [p.type, p.value]));
}

/**
 * `2026-05-31 14:05:09` in Beijing time; '—' for null. Date and time are joined by a no-break space, so a narrow
 * column never wraps a timestamp between them (issue 22 item 10).
 */
export function formatDateTime(iso: string | null | undefined, withSeconds = true): string {
  if (!iso) return '—';
  const p = beijingParts(iso);
  if (!p) return iso;
  const time = withSeconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
  return `${p.year}-${p.month}-${p.day}\u00a0${time}`;
}

/** `2026-05-31` in Beijing time. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = beijingParts(iso);
  return p ? `${p.year}-${p.month}-${p.day}` : iso;
}

export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return n.toLocaleString('zh-CN');
}

/** 6000000 fen → `¥60,000.00` (grouped, always two decimals; exact: whole yuan and fen are taken apart in integers). */
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}
