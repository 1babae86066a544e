import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Popconfirm, Select, Skeleton, Space, Table, Upload, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { ATTACHMENT_KINDS, type OrgAttachment } from '../../../shared/schemas/orgs.js';
import { api, errorMessage, ApiError } from '../../api/client.js';
import { useCan } from '../../auth/session.js';
import { useT } from '../../i18n.js';
import { formatDateTime } from '../../lib/format.js';
import { orgsMessages, useAttachmentKindLabel } from './orgs.messages.js';

type Kind = (typeof ATTACHMENT_KINDS)[number];
const MAX_BYTES = 10 * 1024 * 1024;

const sizeText = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** The 附件 tab: 章程, 负责人身份证明, 活动场所证明, 成员名单 and other files of one organization. */
export function OrgAttachments({ orgId }: { orgId: number }) {
  const t = useT(orgsMessages);
  const kindLabel = useAttachmentKindLabel();
  const { message } = App.useApp();
  const canEdit = useCan()('org.update');
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('charter');
  const key = ['orgs', 'attachments', orgId];
  const list = useQuery({ queryKey: key, queryFn: () => api<{ items: OrgAttachment[] }>(`/orgs/${orgId}/attachments`) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['orgs'] });

  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('kind', kind); // before the file: the server reads fields that precede it
      form.append('file', file);
      return api<OrgAttachment>(`/orgs/${orgId}/attachments`, { method: 'POST', form });
    },
    onSuccess: (a) => {
      message.success(t('orgs.att.uploaded', { name: a.filename }));
      void refresh();
    },
    onError: (err) => message.error(err instanceof ApiError && err.fields ? Object.values(err.fields).join('；') : errorMessage(err)),
  });
  const remove = useMutation({
    mutationFn: (id: number) => api(`/orgs/${orgId}/attachments/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      message.success(t('orgs.att.deleted'));
      void refresh();
    },
    onError: (err) => message.error(errorMessage(err)),
  });

  if (list.isPending) return <Skeleton active />;
  if (list.isError) return <Empty description={errorMessage(list.error)} />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {canEdit && (
        <Space wrap className="no-print">
          <Select<Kind>
            aria-label={t('orgs.att.kind')}
            value={kind}
            onChange={setKind}
            style={{ width: 160 }}
            options={ATTACHMENT_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
          />
          <Upload
            accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              if (file.size > MAX_BYTES) message.error(t('orgs.att.tooLarge'));
              else upload.mutate(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending}>
              {t('orgs.att.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary">{t('orgs.att.accept')}</Typography.Text>
        </Space>
      )}
      {list.data.items.length === 0 ? (
        <Empty image={<PaperClipOutlined className="attachments-empty-icon" />} description={t('orgs.att.empty')} />
      ) : (
        <Table<OrgAttachment>
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={list.data.items}
          columns={[
            { title: t('orgs.att.kind'), dataIndex: 'kind', render: (k: Kind) => kindLabel(k) },
            {
              title: t('orgs.att.file'),
              dataIndex: 'filename',
              render: (name: string, a) => (
                <a href={`/api/v1/orgs/${orgId}/attachments/${a.id}`} target="_blank" rel="noreferrer">
                  <DownloadOutlined /> {name}
                </a>
              ),
            },
            { title: t('orgs.att.size'), dataIndex: 'sizeBytes', render: sizeText, responsive: ['md'] },
            { title: t('orgs.att.uploadedBy'), dataIndex: 'uploadedBy', responsive: ['md'] },
            { title: t('orgs.att.uploadedAt'), dataIndex: 'uploadedAt', render: (v: string) => formatDateTime(v), responsive: ['lg'] },
            ...(canEdit
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, a: OrgAttachment) => (
                      <Popconfirm title={t('orgs.att.deleteConfirm', { name: a.filename })} description={t('orgs.att.deleteHint')} okText={t('orgs.att.delete')} okButtonProps={{ danger: true }} onConfirm={() => remove.mutate(a.id)}>
                        <Button type="link" danger icon={<DeleteOutlined />}>
                          {t('orgs.att.delete')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Space>
  );
}
