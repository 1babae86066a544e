import { useState } from 'react';
import { App, Button, Empty, Modal, Popconfirm, Space, Tag, Typography, Upload } from 'antd';
import {
  CheckCircleFilled,
  CloseCircleFilled,
  DeleteOutlined,
  DownloadOutlined,
  EyeOutlined,
  PaperClipOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { errorMessage, ApiError } from '../../api/client.js';
import { formatDateTime } from '../../lib/format.js';
import { useAppLabels, applicationsMessages } from './applications.messages.js';
import { attachmentUrl, useRemoveAttachment, useUploadAttachment, type Application, type ApplicationAttachment, type AttachmentKind } from './applications.api.js';
import { useT } from '../../i18n.js';

/** What an establishment must bring (seed 004): 章程、负责人身份证明、活动场所证明、成员名单. */
export const REQUIRED_KINDS: AttachmentKind[] = ['charter', 'leader_id', 'venue_proof', 'member_list'];
const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx';

export const sizeText = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export const missingKinds = (app: Pick<Application, 'attachments'>) => REQUIRED_KINDS.filter((k) => !app.attachments.some((a) => a.kind === k));

interface Props {
  app: Application;
  editable: boolean;
  /** Show the four required kinds with their state (establishments). */
  required: boolean;
  /** Server messages per kind (`attachments.charter` → charter). */
  errors?: Partial<Record<AttachmentKind, string>>;
}

/** The application's documents by kind: upload and remove while the applicant may edit, preview for everyone. */
export function AttachmentsPanel({ app, editable, required, errors = {} }: Props) {
  const t = useT(applicationsMessages);
  const labels = useAppLabels();
  const { message } = App.useApp();
  const upload = useUploadAttachment(app.id);
  const remove = useRemoveAttachment(app.id);
  const [uploading, setUploading] = useState<AttachmentKind | null>(null);
  const [preview, setPreview] = useState<ApplicationAttachment | null>(null);

  const kinds: AttachmentKind[] = required ? [...REQUIRED_KINDS, 'other'] : editable ? ['other'] : [];
  // Read-only and not an establishment: whatever kinds were brought.
  for (const a of app.attachments) if (!kinds.includes(a.kind)) kinds.push(a.kind);
  const missing = missingKinds(app);

  const send = (kind: AttachmentKind, file: File) => {
    if (file.size > MAX_BYTES) {
      message.error(`${file.name}：${t('files.tooLarge')}`);
      return;
    }
    setUploading(kind);
    upload.mutate(
      { kind, file },
      {
        onSuccess: (a) => message.success(t('files.uploaded', { name: a.filename })),
        onError: (err) => message.error(err instanceof ApiError && err.fields ? Object.values(err.fields).join('；') : errorMessage(err)),
        onSettled: () => setUploading(null),
      },
    );
  };

  if (kinds.length === 0) return <Empty image={<PaperClipOutlined className="attachments-empty-icon" />} description={t('files.none')} />;

  return (
    <div className="app-files">
      {required && (
        <div className={missing.length > 0 ? 'files-summary files-summary-missing' : 'files-summary files-summary-ok'} role="status">
          {missing.length > 0 ? (
            <>
              <CloseCircleFilled /> {t('files.missingSummary', { n: missing.length, names: missing.map((k) => labels.attachment(k)).join('、') })}
            </>
          ) : (
            <>
              <CheckCircleFilled /> {t('files.allDone')}
            </>
          )}
        </div>
      )}
      {editable && <Typography.Text type="secondary">{t('files.accept')}</Typography.Text>}
      {kinds.map((kind) => {
        const files = app.attachments.filter((a) => a.kind === kind);
        const isRequired = required && REQUIRED_KINDS.includes(kind);
        return (
          <div key={kind} className={`file-row${errors[kind] ? ' file-row-error' : ''}`} data-kind={kind}>
            <div className="file-row-head">
              <span className="file-row-label">
                {isRequired && <span className="required-mark" aria-hidden>*</span>}
                {kind === 'other' && required ? t('files.other') : labels.attachment(kind)}
              </span>
              {isRequired &&
                (files.length > 0 ? (
                  <Tag color="success" icon={<CheckCircleFilled />}>
                    {t('files.done')}
                  </Tag>
                ) : (
                  <Tag color="error" icon={<CloseCircleFilled />}>
                    {t('files.missing')}
                  </Tag>
                ))}
              {editable && (
                <Upload
                  accept={ACCEPT}
                  showUploadList={false}
                  multiple={false}
                  beforeUpload={(file) => {
                    send(kind, file);
                    return false;
                  }}
                >
                  <Button size="small" icon={<UploadOutlined />} loading={uploading === kind}>
                    {files.length > 0 ? t('files.uploadMore') : t('files.upload')}
                  </Button>
                </Upload>
              )}
            </div>
            {errors[kind] && (
              <Typography.Text type="danger" className="file-row-msg">
                {errors[kind]}
              </Typography.Text>
            )}
            {files.length > 0 && (
              <ul className="file-list">
                {files.map((a) => (
                  <li key={a.id}>
                    <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setPreview(a)} className="file-name">
                      {a.filename}
                    </Button>
                    <Typography.Text type="secondary" className="file-meta">
                      {sizeText(a.sizeBytes)} · {formatDateTime(a.uploadedAt, false)}
                    </Typography.Text>
                    <Space size={0}>
                      <Button type="link" size="small" icon={<DownloadOutlined />} href={attachmentUrl(app.id, a.id)} download={a.filename} aria-label={`${t('files.download')} ${a.filename}`} />
                      {editable && (
                        <Popconfirm
                          title={t('files.removeConfirm', { name: a.filename })}
                          okText={t('files.remove')}
                          okButtonProps={{ danger: true }}
                          onConfirm={() =>
                            remove.mutate(a.id, {
                              onSuccess: () => message.success(t('files.removed', { name: a.filename })),
                              onError: (err) => message.error(errorMessage(err)),
                            })
                          }
                        >
                          <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={`${t('files.remove')} ${a.filename}`} />
                        </Popconfirm>
                      )}
                    </Space>
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
      <AttachmentPreview appId={app.id} attachment={preview} onClose={() => setPreview(null)} />
    </div>
  );
}

/** PDFs and images open in the page; other files (Word, Excel) are offered for download. */
export function AttachmentPreview({ appId, attachment, onClose }: { appId: number; attachment: ApplicationAttachment | null; onClose: () => void }) {
  const t = useT(applicationsMessages);
  const labels = useAppLabels();
  if (!attachment) return null;
  const url = attachmentUrl(appId, attachment.id);
  const pdf = attachment.mimeType === 'application/pdf';
  const image = attachment.mimeType.startsWith('image/');
  return (
    <Modal
      open
      onCancel={onClose}
      title={`${labels.attachment(attachment.kind)} · ${attachment.filename}`}
      width={pdf ? 'min(960px, 96vw)' : 'min(760px, 96vw)'}
      footer={
        <Space>
          <Button href={url} target="_blank" rel="noreferrer">
            {t('files.open')}
          </Button>
          <Button type="primary" icon={<DownloadOutlined />} href={url} download={attachment.filename}>
            {t('files.download')}
          </Button>
        </Space>
      }
    >
      {pdf ? (
        <iframe className="file-preview-frame" src={url} title={attachment.filename} />
      ) : image ? (
        <img className="file-preview-img" src={url} alt={attachment.filename} />
      ) : (
        <Empty description={t('files.noPreview')} />
      )}
    </Modal>
  );
}
