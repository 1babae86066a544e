import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Popconfirm, Select, Skeleton, Space, Table, Upload, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { ATTACHMENT_KINDS, ATTACHMENT_KIND_LABELS, type OrgAttachment } from '../../../shared/schemas/orgs.js';
import { api, errorMessage, ApiError } from '../../api/client.js';
import { useCan } from '../../auth/session.js';
import { formatDateTime } from '../../lib/format.js';

type Kind = (typeof ATTACHMENT_KINDS)[number];
const MAX_BYTES = 10 * 1024 * 1024;

const sizeText = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** The 附件 tab: 章程, 负责人身份证明, 活动场所证明, 成员名单 and other files of one organization. */
export function OrgAttachments({ orgId }: { orgId: number }) {
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
      message.success(`已上传：${a.filename}`);
      void refresh();
    },
    onError: (err) => message.error(err instanceof ApiError && err.fields ? Object.values(err.fields).join('；') : errorMessage(err)),
  });
  const remove = useMutation({
    mutationFn: (id: number) => api(`/orgs/${orgId}/attachments/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      message.success('已删除附件');
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
            aria-label="材料类型"
            value={kind}
            onChange={setKind}
            style={{ width: 160 }}
            options={ATTACHMENT_KINDS.map((k) => ({ value: k, label: ATTACHMENT_KIND_LABELS[k] }))}
          />
          <Upload
            accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              if (file.size > MAX_BYTES) message.error('附件不能超过 10 MB');
              else upload.mutate(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending}>
              上传材料
            </Button>
          </Upload>
          <Typography.Text type="secondary">PDF、JPG、PNG、Word 或 Excel，单个不超过 10 MB</Typography.Text>
        </Space>
      )}
      {list.data.items.length === 0 ? (
        <Empty image={<PaperClipOutlined className="attachments-empty-icon" />} description="暂无附件" />
      ) : (
        <Table<OrgAttachment>
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={list.data.items}
          columns={[
            { title: '材料类型', dataIndex: 'kind', render: (k: Kind) => ATTACHMENT_KIND_LABELS[k] ?? k },
            {
              title: '文件',
              dataIndex: 'filename',
              render: (name: string, a) => (
                <a href={`/api/v1/orgs/${orgId}/attachments/${a.id}`} target="_blank" rel="noreferrer">
                  <DownloadOutlined /> {name}
                </a>
              ),
            },
            { title: '大小', dataIndex: 'sizeBytes', render: sizeText, responsive: ['md'] },
            { title: '上传人', dataIndex: 'uploadedBy', responsive: ['md'] },
            { title: '上传时间', dataIndex: 'uploadedAt', render: (v: string) => formatDateTime(v), responsive: ['lg'] },
            ...(canEdit
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    render: (_: unknown, a: OrgAttachment) => (
                      <Popconfirm title={`删除附件“${a.filename}”？`} description="删除将记入变更历史" okText="删除" okButtonProps={{ danger: true }} onConfirm={() => remove.mutate(a.id)}>
                        <Button type="link" danger icon={<DeleteOutlined />}>
                          删除
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
