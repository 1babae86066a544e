import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Result, Space, Timeline, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { Data, ServerText } from '../../components/Data.js';
import { RecordHead } from '../../components/RecordHead.js';
import { isRecordId, RecordLoader } from '../../components/RecordLoader.js';
import { useT } from '../../i18n.js';
import { formatDateTime } from '../../lib/format.js';
import { useIsMobile } from '../../lib/hooks.js';
import { usePageTitle } from '../../lib/page-title.js';
import { creditEntryQuery, noticePdfUrl, removalPdfUrl, type CreditEntry } from './credit.api.js';
import { creditMessages } from './credit.messages.js';
import { CreditStatusTag, ListTag, Timers } from './credit-tags.js';
import { EntryActions } from './EntryActions.js';
import { EntryRequests } from './EntryRequests.js';
import { subjectLink } from './subject-link.js';
import './credit.css';

/** `/credit/:id`: one entry — ground and basis, the facts with their records, the timers, the timeline and what the viewer may decide. */
export default function CreditEntryPage() {
  const { id } = useParams();
  const entryId = Number(id);
  const q = useQuery(creditEntryQuery(entryId));
  return (
    <RecordLoader query={q} validId={isRecordId(entryId)} skeletonRows={12} notFound={<NotFound />}>
      {(entry) => <Entry entry={entry} />}
    </RecordLoader>
  );
}

function NotFound() {
  const t = useT(creditMessages);
  const navigate = useNavigate();
  return (
    <Card>
      <Result status="404" title={t('credit.emptyFiltered')} extra={<Button type="primary" onClick={() => navigate('/credit')}>{t('entry.back')}</Button>} />
    </Card>
  );
}

const EVENT_COLORS: Record<string, string> = { noticed: 'blue', objected: 'orange', listed: 'red', restarted: 'orange', moved: 'purple', removed: 'green', compliance_verified: 'green', withdrawn: 'gray', objection_upheld: 'green' };

function Entry({ entry }: { entry: CreditEntry }) {
  const t = useT(creditMessages);
  const isMobile = useIsMobile();
  usePageTitle(`${entry.org.name} · ${t(`credit.tab.${entry.list}`)}`);
  const removed = entry.status === 'removed';

  const prints = (
    <Space wrap className="no-print">
      <Button icon={<FilePdfOutlined />} href={noticePdfUrl(entry.id)} target="_blank" rel="noreferrer" data-testid="print-notice">
        {t('entry.printNotice')}
      </Button>
      {removed && (
        <Button icon={<FilePdfOutlined />} href={removalPdfUrl(entry.id)} target="_blank" rel="noreferrer" data-testid="print-removal">
          {t('entry.printRemoval')}
        </Button>
      )}
    </Space>
  );

  return (
    <div className="org-record credit-entry" data-testid="credit-entry">
      <RecordHead
        backTo={`/credit${entry.list === 'dishonest' ? '?tab=dishonest' : ''}`}
        backLabel={t('entry.back')}
        title={<Data>{entry.org.name}</Data>}
        tags={
          <>
            <ListTag list={entry.list} />
            <CreditStatusTag status={entry.status} />
          </>
        }
        actions={!isMobile && prints}
      >
        <Typography.Text type="secondary" className="org-record-sub">
          {t('entry.no', { id: entry.id })} · {t('entry.noticeNo')}
          <Data>{entry.noticeNo}</Data>
          {entry.org.creditCode && <span className="mono"> · {entry.org.creditCode}</span>}
        </Typography.Text>
        <div className="credit-basis-line" data-testid="basis-line">
          <ServerText>{entry.basis.text}</ServerText>
        </div>
        {isMobile && <div className="org-record-phone-actions">{prints}</div>}
      </RecordHead>
      <EntryActions entry={entry} />
      <Card className="org-record-body" title={t('entry.ground')}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}
          items={[
            { key: 'org', label: t('entry.org'), children: <Link to={`/orgs/${entry.org.id}?tab=credit`}><Data>{entry.org.name}</Data></Link>, span: 'filled' },
            { key: 'ground', label: t('entry.ground'), children: <ServerText>{entry.groundLabel}</ServerText>, span: 'filled' },
            { key: 'basis', label: t('entry.basis'), children: <ServerText>{entry.basis.text}</ServerText>, span: 'filled' },
            ...(entry.basisNote ? [{ key: 'basisNote', label: t('entry.basisNote'), children: <Data>{entry.basisNote}</Data>, span: 'filled' as const }] : []),
            { key: 'noticedOn', label: t('credit.col.noticedOn'), children: <span className="mono">{entry.noticedOn}</span> },
            { key: 'listedOn', label: t('entry.listedOn'), children: <span className="mono">{entry.listedOn ?? '—'}</span> },
            { key: 'periodFrom', label: t('entry.periodFrom'), children: <span className="mono">{entry.periodFrom ?? '—'}</span> },
            { key: 'recordDue', label: t('entry.recordDue'), children: <span className="mono">{entry.timers.recordDueOn}</span> },
            { key: 'timers', label: t('entry.timers'), children: <Timers entry={entry} />, span: 'filled' },
            { key: 'removalPath', label: t('entry.removalPath'), children: <ServerText>{entry.timers.removalPath}</ServerText>, span: 'filled' },
            ...(entry.removalReason
              ? [{ key: 'removalReason', label: t('credit.status.removed'), children: <span><Data>{entry.removalReason}</Data>{entry.removalBasis && <div className="credit-basis"><ServerText>{entry.removalBasis.text}</ServerText></div>}</span>, span: 'filled' as const }]
              : []),
            { key: 'by', label: t('entry.decidedBy'), children: entry.createdBy ? <Data>{entry.createdBy}</Data> : t('entry.byJob') },
          ]}
        />
      </Card>
      <Card className="org-record-body" title={t('entry.facts')}>
        {entry.grounds.map((g) => {
          const link = subjectLink(g.subject);
          return (
            <div key={g.id} className="credit-fact" data-testid="credit-fact">
              <div className="credit-fact-head">
                <span className="mono">{g.factOn}</span> <ServerText>{g.groundLabel}</ServerText>
              </div>
              <div className="pre-wrap"><ServerText>{g.evidence}</ServerText></div>
              <div className="credit-basis"><ServerText>{g.basis.text}</ServerText></div>
              {link && <Link to={link}>{t('entry.subject')}</Link>}
            </div>
          );
        })}
      </Card>
      <EntryRequests entry={entry} />
      <Card className="org-record-body" title={t('entry.timeline')}>
        <Timeline
          className="credit-timeline"
          items={entry.events.map((e) => ({
            key: e.id,
            color: EVENT_COLORS[e.kind] ?? 'blue',
            content: (
              <div className="trail-item" data-event={e.kind}>
                <div className="trail-head">
                  <strong><ServerText>{e.kindLabel}</ServerText></strong> <span className="mono">{e.on}</span>
                </div>
                <div className="trail-meta">
                  {e.actor ? <Data>{e.actor}</Data> : t('entry.byJob')} · <span className="mono">{formatDateTime(e.at, false)}</span>
                </div>
                {e.reason && <div className="trail-opinion pre-wrap" data-value="">{e.reason}</div>}
                {e.basis && <div className="credit-basis"><ServerText>{e.basis.text}</ServerText></div>}
              </div>
            ),
          }))}
        />
      </Card>
    </div>
  );
}
