import { List, Tag, Typography } from 'antd';
import { ServerText } from '../../components/Data.js';
import { useT } from '../../i18n.js';
import type { PublicCreditEntry } from './credit.api.js';
import { creditMessages } from './credit.messages.js';
import { ListTag } from './credit-tags.js';
import './credit.css';

/**
 * The public register's credit part (PublicOrg.credit, 民政部令第60号 第二十四条 公开): entries in force first, then the
 * removed and moved ones kept as history, each with its ground, the rule it rests on and its days. No notice that
 * has not led to a listing is ever in it (the server leaves them out).
 */
export function PublicCredit({ entries }: { entries: PublicCreditEntry[] }) {
  const t = useT(creditMessages);
  const current = (e: PublicCreditEntry) => !e.removedOn && !e.movedOn;
  const rows = [...entries].sort((a, b) => Number(current(b)) - Number(current(a)) || b.listedOn.localeCompare(a.listedOn));
  return (
    <div className="public-credit" data-testid="public-credit">
      <Typography.Title level={5}>{t('public.title')}</Typography.Title>
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t('public.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          bordered
          dataSource={rows}
          renderItem={(e) => (
            <List.Item data-testid={`public-credit-${e.id}`} data-current={current(e) ? 'true' : 'false'}>
              <div className="public-credit-item">
                <div>
                  <ListTag list={e.list} /> <Tag color={current(e) ? 'error' : undefined}>{t(current(e) ? 'public.current' : 'public.history')}</Tag>
                  <ServerText>{e.ground}</ServerText>
                </div>
                <div className="public-credit-days mono">
                  {t('public.listedOn', { date: e.listedOn })}
                  {e.movedOn && ` · ${t('public.movedOn', { date: e.movedOn })}`}
                  {e.removedOn && ` · ${t('public.removedOn', { date: e.removedOn })}`}
                </div>
                {e.removalReason && <div><ServerText>{e.removalReason}</ServerText></div>}
                <Typography.Text type="secondary" className="credit-basis">
                  <ServerText>{e.basis.text}</ServerText>
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
