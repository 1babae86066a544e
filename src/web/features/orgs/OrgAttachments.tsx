import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Empty, Popconfirm, Select, Skeleton, Space, Table, Upload, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { ATTACHMENT_KINDS, type OrgAttachment } from '../../../shared/schemas/orgs.js';
import { errorMessage, ApiError } from '../../api/client.js';
import { useCan } from '../../auth/session.js';
import { useT } from '../../i18n.js';
import { formatDateTime } from '../../lib/format.js';
import { orgAttachmentUrl, orgAttachmentsQuery, useRemoveOrgAttachment, useUploadOrgAttachment } from './orgs.api.js';
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
  const [kind, setKind] = useState<Kind>('charter');
  const list = useQuery(orgAttachmentsQuery(orgId));
  const upload = useUploadOrgAttachment(orgId);
  const remove = useRemoveOrgAttachment(orgId);
  const uploadFile = (file: File) =>
    upload.mutate(
      { kind, file },
      {
        onSuccess: (a) => message.success(t('orgs.att.uploaded', { name: a.filename })),
        onError: (err) => message.error(err instanceof ApiError && err.fields ? Object.values(err.fields).join('；') : errorMessage(err)),
      },
    );
  const removeFile = (id: number) =>
    remove.mutate(id, {
      onSuccess: () => message.success(t('orgs.att.deleted')),
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
              else uploadFile(file);
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
                <a href={orgAttachmentUrl(orgId, a.id)} target="_blank" rel="noreferrer">
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
                      <Popconfirm title={t('orgs.att.deleteConfirm', { name: a.filename })} description={t('orgs.att.deleteHint')} okText={t('orgs.att.delete')} okButtonProps={{ danger: true }} onConfirm={() => removeFile(a.id)}>
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
