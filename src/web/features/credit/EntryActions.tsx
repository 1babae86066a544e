import { useState } from 'react';
import { App, Button, Card, Space } from 'antd';
import { CheckCircleOutlined, FileDoneOutlined, MessageOutlined, SendOutlined } from '@ant-design/icons';
import { useT } from '../../i18n.js';
import { chinaToday, useFileRequest, useListNow, useVerifyCompliance, type CreditEntry } from './credit.api.js';
import { creditMessages } from './credit.messages.js';
import { ReasonModal } from '../../components/ReasonModal.js';

type Open = null | 'object' | 'apply' | 'list' | 'comply';

/**
 * The decisions the viewer may take on the entry now, as the server says (entry.actions): the organization objects
 * within the window or applies for removal; the district lists at once (a waived objection) or removes on verified
 * compliance. Each opens its confirmation with the words it needs; the server judges and answers the entry.
 */
export function EntryActions({ entry }: { entry: CreditEntry }) {
  const t = useT(creditMessages);
  const { message } = App.useApp();
  const [open, setOpen] = useState<Open>(null);
  const object = useFileRequest(entry.id, 'objection');
  const apply = useFileRequest(entry.id, 'removal');
  const listNow = useListNow(entry.id);
  const comply = useVerifyCompliance(entry.id);
  const a = entry.actions;
  if (!a.object && !a.applyRemoval && !a.list && !a.verifyCompliance) return null;
  const done = () => {
    void message.success(t('act.done'));
    setOpen(null);
  };
  const modal = (key: Exclude<Open, null>, props: { title: string; hint: string; label: string; field: 'statement' | 'reason' | 'evidence'; ok: string; danger?: boolean; loading: boolean; run: (text: string) => Promise<unknown> }) => (
    <ReasonModal
      open={open === key}
      formName={`credit_${key}`}
      title={props.title}
      hint={props.hint}
      label={props.label}
      requiredText={t('act.required', { field: props.label })}
      field={props.field}
      okText={props.ok}
      cancelText={t('act.cancel')}
      danger={props.danger ?? false}
      loading={props.loading}
      maxLength={2000}
      onCancel={() => setOpen(null)}
      onConfirm={(text) => props.run(text ?? '').then(done)}
    />
  );
  return (
    <Card className="org-record-body credit-actions no-print" data-testid="credit-actions">
      <Space wrap>
        {a.object && (
          <Button icon={<MessageOutlined />} onClick={() => setOpen('object')}>
            {t('act.objection')}
          </Button>
        )}
        {a.applyRemoval && (
          <Button type="primary" icon={<SendOutlined />} onClick={() => setOpen('apply')}>
            {t('act.apply')}
          </Button>
        )}
        {a.list && (
          <Button danger icon={<FileDoneOutlined />} onClick={() => setOpen('list')}>
            {t('act.listNow')}
          </Button>
        )}
        {a.verifyCompliance && (
          <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setOpen('comply')}>
            {t('act.remove')}
          </Button>
        )}
      </Space>
      {modal('object', { title: t('act.objectionTitle'), hint: t('act.objectionHint'), label: t('act.reason'), field: 'statement', ok: t('act.objection'), loading: object.isPending, run: (s) => object.mutateAsync(s) })}
      {modal('apply', { title: t('act.applyTitle'), hint: t('act.applyHint'), label: t('act.reason'), field: 'statement', ok: t('act.apply'), loading: apply.isPending, run: (s) => apply.mutateAsync(s) })}
      {modal('list', { title: t('act.listNowTitle'), hint: t('act.listNowHint'), label: t('act.reason'), field: 'reason', ok: t('act.listNow'), danger: true, loading: listNow.isPending, run: (reason) => listNow.mutateAsync({ reason, version: entry.version }) })}
      {modal('comply', {
        title: t('act.removeTitle'),
        hint: t('act.removeHint'),
        label: t('act.evidence'),
        field: 'evidence',
        ok: t('act.remove'),
        loading: comply.isPending,
        run: (evidence) => comply.mutateAsync({ verifiedOn: chinaToday(), evidence, removeNow: true, version: entry.version }),
      })}
    </Card>
  );
}
