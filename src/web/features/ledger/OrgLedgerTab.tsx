import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Form, Image, Input, List, Modal, Pagination, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, HistoryOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client.js';
import { Data } from '../../components/Data.js';
import { useCan } from '../../auth/session.js';
import { useT } from '../../i18n.js';
import { formatDateTime } from '../../lib/format.js';
import { activityFileUrl, dormancyQuery, historyQuery, timelineQuery, useDeleteActivity, type Activity } from './ledger.api.js';
import { ledgerMessages, type LedgerMsgKey } from './ledger.messages.js';
import { LedgerExportButtons } from '../ledgerio/LedgerExportButtons.js';

const hours = (minutes: number) => String(Math.round((minutes / 60) * 10) / 10);

/** The organization record's 活动台账 tab: the dormancy flag, the timeline with photos, edit, delete and history. */
export function OrgLedgerTab({ orgId }: { orgId: number }) {
  const t = useT(ledgerMessages);
  const can = useCan();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const list = useQuery(timelineQuery(orgId, page));
  const [deleting, setDeleting] = useState<Activity | null>(null);
  const [history, setHistory] = useState<Activity | null>(null);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <DormancyFlag orgId={orgId} />
      <Space wrap>
        {can('activity.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/ledger/new?org=${orgId}`)} className="no-print">
            {t('ledger.add')}
          </Button>
        )}
        <LedgerExportButtons selection={{ org: orgId }} />
      </Space>
      {list.isPending ? (
        <Skeleton active />
      ) : list.isError ? (
        <Empty description={errorMessage(list.error)} />
      ) : list.data.items.length === 0 ? (
        <Empty description={t('ledger.empty')} />
      ) : (
        <>
          <List
            className="ledger-timeline"
            dataSource={list.data.items}
            renderItem={(a) => <ActivityItem a={a} onDelete={() => setDeleting(a)} onHistory={() => setHistory(a)} />}
          />
          <Pagination size="small" current={page} pageSize={10} total={list.data.total} onChange={setPage} showTotal={(n) => t('ledger.total', { n })} />
        </>
      )}
      {deleting && <DeleteDialog activity={deleting} onClose={() => setDeleting(null)} />}
      {history && <HistoryDialog activity={history} onClose={() => setHistory(null)} />}
    </Space>
  );
}

function ActivityItem({ a, onDelete, onHistory }: { a: Activity; onDelete: () => void; onHistory: () => void }) {
  const t = useT(ledgerMessages);
  const navigate = useNavigate();
  const when = `${formatDateTime(a.startsAt, false)} – ${formatDateTime(a.endsAt, false).slice(-5)}`;
  return (
    <List.Item
      actions={[
        ...(a.canEdit ? [<Button key="e" type="link" size="small" icon={<EditOutlined />} onClick={() => navigate(`/activities/${a.id}/edit`)}>{t('ledger.edit')}</Button>] : []),
        <Button key="h" type="link" size="small" icon={<HistoryOutlined />} onClick={onHistory}>{t('ledger.history')}</Button>,
        ...(a.canDelete ? [<Button key="d" type="link" size="small" danger icon={<DeleteOutlined />} onClick={onDelete}>{t('ledger.delete')}</Button>] : []),
      ]}
    >
      <div className="ledger-item">
        <div className="ledger-item-head">
          <span className="mono">{when}</span> <Tag><Data>{a.activityType}</Data></Tag>
        </div>
        <Typography.Text strong><Data>{a.title}</Data></Typography.Text>
        <Typography.Text type="secondary">
          <Data>{a.place}</Data> · {t('ledger.people', { n: a.participants })}
          {a.volunteers > 0 && <> · {t('ledger.volunteerLine', { n: a.volunteers, h: hours(a.volunteerMinutes) })}</>}
        </Typography.Text>
        {a.description && <div className="pre-wrap"><Data>{a.description}</Data></div>}
        {a.photos.length > 0 && (
          <Image.PreviewGroup>
            <div className="ledger-thumbs">
              {a.photos.map((p) => (
                <Image key={p.id} width={88} height={88} className="ledger-photo" src={activityFileUrl(a.id, p.id, true)} preview={{ src: activityFileUrl(a.id, p.id) }} alt={p.filename} />
              ))}
            </div>
          </Image.PreviewGroup>
        )}
        {a.signin && (
          <a href={activityFileUrl(a.id, a.signin.id)} target="_blank" rel="noreferrer">
            <PaperClipOutlined /> {t('ledger.signin')}: <Data>{a.signin.filename}</Data>
          </a>
        )}
        <Typography.Text type="secondary" className="ledger-by">
          {t('ledger.enteredBy', { as: t(`ledger.as.${a.enteredAs}` as LedgerMsgKey) })}
          {a.enteredBy && <> · <Data>{a.enteredBy}</Data></>}
        </Typography.Text>
      </div>
    </List.Item>
  );
}

/** The dormancy flag (issue 13 item 2) with the statute for a registered social group. */
export function DormancyFlag({ orgId }: { orgId: number }) {
  const t = useT(ledgerMessages);
  const d = useQuery(dormancyQuery(orgId));
  if (!d.data?.dormant) return null;
  const v = d.data;
  return (
    <Alert
      type={v.statutory?.met ? 'error' : 'warning'}
      showIcon
      className="ledger-dormant"
      message={
        <>
          {t('ledger.dormant')}
          {v.statutory?.met && <Tag color="red" style={{ marginInlineStart: 8 }}>{t('ledger.statuteMet')}</Tag>}
        </>
      }
      description={
        <>
          <div>{v.lastActivityOn ? t('ledger.dormantSince', { d: v.since, m: v.months }) : t('ledger.dormantNever', { d: v.since, m: v.months })}</div>
          {v.statutory && <div>{t('ledger.statute')}</div>}
        </>
      }
    />
  );
}

function DeleteDialog({ activity, onClose }: { activity: Activity; onClose: () => void }) {
  const t = useT(ledgerMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const remove = useDeleteActivity();
  const ok = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    remove.mutate(
      { id: activity.id, reason: v.reason },
      {
        onSuccess: () => {
          message.success(t('ledger.deleted'));
          onClose();
        },
        onError: (err) => message.error(errorMessage(err)),
      },
    );
  };
  return (
    <Modal open title={t('ledger.deleteTitle')} okText={t('ledger.delete')} okButtonProps={{ danger: true, loading: remove.isPending }} onOk={ok} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph strong><Data>{activity.title}</Data></Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('ledger.deleteHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('ledger.deleteReason')} rules={[{ required: true, whitespace: true, message: t('ledger.deleteReasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The history's field names in the page's language. */
const FIELD_KEYS: Record<string, LedgerMsgKey> = {
  startsAt: 'ledger.startTime', endsAt: 'ledger.endTime', title: 'ledger.activityTitle', activityType: 'ledger.type', place: 'ledger.place',
  participants: 'ledger.participants', beneficiaries: 'ledger.beneficiaries', volunteers: 'ledger.volunteers', volunteerMinutes: 'ledger.volunteerMinutes',
  amountFen: 'ledger.amountFen', foreignRelated: 'ledger.foreign', description: 'ledger.description', signin: 'ledger.signin', photos: 'ledger.photoField',
};

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'boolean' ? (v ? '✓' : '✗') : String(v));

function HistoryDialog({ activity, onClose }: { activity: Activity; onClose: () => void }) {
  const t = useT(ledgerMessages);
  const h = useQuery(historyQuery(activity.id));
  return (
    <Modal open title={t('ledger.history')} footer={null} onCancel={onClose} width={720}>
      {h.isPending ? (
        <Skeleton active />
      ) : h.isError ? (
        <Empty description={errorMessage(h.error)} />
      ) : (
        <List
          dataSource={h.data.items}
          renderItem={(e) => (
            <List.Item>
              <Space direction="vertical" style={{ width: '100%' }}>
                <span>
                  <span className="mono">{formatDateTime(e.at, false)}</span> · <Data>{e.actorName}</Data> · <Tag>{t(`ledger.action.${e.action}` as LedgerMsgKey)}</Tag>
                  {e.reason && <Data>{e.reason}</Data>}
                </span>
                {e.action === 'update' && (
                  <Table
                    size="small"
                    pagination={false}
                    rowKey="field"
                    dataSource={Object.entries(e.changes).map(([field, c]) => ({ field, ...c }))}
                    columns={[
                      { title: t('ledger.field'), dataIndex: 'field', render: (f: string) => (FIELD_KEYS[f] ? t(FIELD_KEYS[f]) : f) },
                      { title: t('ledger.from'), dataIndex: 'from', render: (v: unknown) => <Data>{show(v)}</Data> },
                      { title: t('ledger.to'), dataIndex: 'to', render: (v: unknown) => <Data>{show(v)}</Data> },
                    ]}
                  />
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}
