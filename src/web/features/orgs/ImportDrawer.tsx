import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Progress, Result, Space, Statistic, Steps, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, FileExcelOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client.js';
import { useT } from '../../i18n.js';
import { formatCount } from '../../lib/format.js';
import { useIsMobile } from '../../lib/hooks.js';
import { IMPORT_TEMPLATE_URL, importJobQuery, orgKeys, stoppedImportsQuery, useRestartImport, useStartImport, type ImportJob } from './orgs.api.js';
import { orgsMessages } from './orgs.messages.js';

// Same limit as the server's multipart plugin (src/server/app.ts).
const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.xlsx,.csv';

/**
 * What an import drawer imports: the registry's by default; another module (the ledger's activities) gives its job
 * kind, upload path, template, the queries to refresh when a job is through, and its own texts for what differs.
 */
export interface ImportSpec {
  kind: string;
  uploadPath: string;
  templateUrl: string;
  refresh: readonly unknown[];
  texts?: Partial<Record<'title' | 'step1' | 'rules' | 'interruptedHint', string>>;
}
const ORG_IMPORT: ImportSpec = { kind: 'orgs', uploadPath: '/orgs/import', templateUrl: IMPORT_TEMPLATE_URL, refresh: orgKeys.all };

/**
 * A job that stopped before its end, with what it committed and the two ways to finish it: interrupted (the server
 * stopped) or failed (a server error; its message says what to do). The server keeps the file of both.
 */
function StoppedJob({ job, onRestart, busy, hint }: { job: ImportJob; onRestart: (how: 'resume' | 'rerun') => void; busy: boolean; hint?: string }) {
  const t = useT(orgsMessages);
  const failed = job.status === 'failed';
  const counts = { done: formatCount(job.processed), total: formatCount(job.total) };
  return (
    <Alert
      type={failed ? 'error' : 'warning'}
      showIcon
      className="import-alert"
      title={t(failed ? 'orgs.importFailedTitle' : 'orgs.importInterruptedTitle', { file: job.filename })}
      description={
        <>
          {failed && job.error && <Typography.Paragraph>{job.error}</Typography.Paragraph>}
          <Typography.Paragraph>{t(failed ? 'orgs.importFailedCommitted' : 'orgs.importInterruptedCommitted', counts)}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{hint ?? t('orgs.importInterruptedHint')}</Typography.Paragraph>
          <Space wrap>
            <Button type="primary" loading={busy} disabled={!job.resumable} onClick={() => onRestart('resume')}>
              {t('orgs.importInterruptedResume')}
            </Button>
            <Button disabled={busy || !job.resumable} onClick={() => onRestart('rerun')}>
              {t('orgs.importInterruptedRerun')}
            </Button>
          </Space>
        </>
      }
    />
  );
}

/**
 * 导入: template, upload, progress while the server works through the rows, then the counts and the
 * row-by-row report. The job keeps running on the server if the drawer is closed; reopening shows it again.
 */
export function ImportDrawer({ open, onClose, spec = ORG_IMPORT }: { open: boolean; onClose: () => void; spec?: ImportSpec }) {
  const t = useT(orgsMessages);
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const start = useStartImport(spec.uploadPath);
  const hint = spec.texts?.interruptedHint;
  const [jobId, setJobId] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string>('');
  const job = useQuery(importJobQuery(jobId));
  const status = job.data?.status;
  const finished = status === 'done' || status === 'failed' || status === 'interrupted';
  // Jobs stopped by a server restart or failed on a server error: offered when the drawer opens on no job of its own.
  const stopped = useQuery(stoppedImportsQuery(open && !jobId, spec.kind));
  const restart = useRestartImport();
  const restartJob = (id: string, how: 'resume' | 'rerun') => restart.mutate({ id, how }, { onSuccess: (j) => setJobId(j.id), onError: (err) => setFileError(errorMessage(err)) });

  // New and updated records show in the list as soon as the import is through.
  useEffect(() => {
    if (status === 'done') void queryClient.invalidateQueries({ queryKey: spec.refresh });
  }, [status, queryClient, spec.refresh]);

  const upload = (file: File) => {
    setFileError(null);
    setFileName(file.name);
    if (!/\.(xlsx|csv)$/i.test(file.name)) {
      setFileError(t('orgs.importWrongType'));
      return;
    }
    if (file.size > MAX_BYTES) {
      setFileError(t('orgs.importTooLarge'));
      return;
    }
    start.mutate(file, {
      onSuccess: (res) => setJobId(res.id),
      // A file the server cannot read (wrong headers, no rows…) is refused at once with a Chinese message.
      onError: (err) => setFileError(errorMessage(err)),
    });
  };

  const again = () => {
    setJobId(null);
    setFileError(null);
    setFileName('');
    start.reset();
  };

  const current = !jobId ? 1 : finished ? 3 : 2;

  // Once a file is chosen the drop zone folds into one button and what became of the file is at the top of the
  // drawer, where the user is looking (issue 22 item 2): its error, the progress, the counts and the first bad rows.
  const chosen = fileName !== '' || jobId !== null;
  const picker = (
    <Upload
      accept={ACCEPT}
      multiple={false}
      showUploadList={false}
      disabled={start.isPending}
      beforeUpload={(file) => {
        again();
        upload(file);
        return false;
      }}
    >
      <Button icon={<UploadOutlined />} loading={start.isPending}>
        {t('orgs.importChooseOther')}
      </Button>
    </Upload>
  );

  let body;
  if (!jobId && chosen) {
    body = (
      <div className="import-result">
        <Typography.Paragraph strong>
          <FileExcelOutlined /> {start.isPending ? t('orgs.importUploading', { file: fileName }) : fileName}
        </Typography.Paragraph>
        {fileError && <Alert type="error" showIcon title={fileError} className="import-alert" role="alert" />}
        <Space wrap className="import-actions">
          {picker}
        </Space>
      </div>
    );
  } else if (!jobId) {
    body = (
      <>
        {stopped.data?.items.map((j) => (
          <StoppedJob key={j.id} job={j} hint={hint} busy={restart.isPending} onRestart={(how) => restartJob(j.id, how)} />
        ))}
        {/* A refused restart (another tab finished the job meanwhile) says why here: no file was chosen. */}
        {fileError && <Alert type="error" showIcon title={fileError} className="import-alert" role="alert" />}
        <Upload.Dragger
          accept={ACCEPT}
          multiple={false}
          showUploadList={false}
          disabled={start.isPending}
          beforeUpload={(file) => {
            upload(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('orgs.importDrop')}</p>
          <p className="ant-upload-hint">{t('orgs.importDropHint')}</p>
        </Upload.Dragger>
      </>
    );
  } else if (job.isError) {
    body = (
      <Result
        status="error"
        title={t('common.loadFailed')}
        subTitle={errorMessage(job.error)}
        extra={<Button onClick={() => job.refetch()}>{t('common.retry')}</Button>}
      />
    );
  } else if (!job.data || !finished) {
    const total = job.data?.total ?? 0;
    const done = job.data?.processed ?? 0;
    body = (
      <div className="import-progress">
        <Typography.Paragraph strong>
          <FileExcelOutlined /> {t('orgs.importRunning', { file: job.data?.filename ?? fileName })}
        </Typography.Paragraph>
        <Progress percent={total > 0 ? Math.floor((done / total) * 100) : 0} status="active" />
        {total > 0 && (
          <Typography.Paragraph type="secondary">
            {t('orgs.importProgress', { done: formatCount(done), total: formatCount(total) })}
          </Typography.Paragraph>
        )}
        <Typography.Paragraph type="secondary">{t('orgs.importKeepOpen')}</Typography.Paragraph>
      </div>
    );
  } else if (status === 'interrupted') {
    body = <StoppedJob job={job.data} hint={hint} busy={restart.isPending} onRestart={(how) => restartJob(job.data!.id, how)} />;
  } else if (status === 'failed' && job.data.resumable) {
    // Rows committed before the error are kept with the file: finishing it beats uploading it again.
    body = (
      <div className="import-result">
        <StoppedJob job={job.data} hint={hint} busy={restart.isPending} onRestart={(how) => restartJob(job.data!.id, how)} />
        {fileError && <Alert type="error" showIcon title={fileError} className="import-alert" role="alert" />}
        <Space wrap className="import-actions">
          {picker}
        </Space>
      </div>
    );
  } else if (status === 'failed') {
    body = (
      <Result
        status="error"
        title={t('orgs.importFailed')}
        subTitle={job.data.error ?? undefined}
        extra={<Button onClick={again}>{t('orgs.importAgain')}</Button>}
      />
    );
  } else {
    const j = job.data;
    body = (
      <div className="import-result">
        <Typography.Paragraph strong>
          <FileExcelOutlined /> {t('orgs.importDone', { file: j.filename })}
        </Typography.Paragraph>
        <Progress percent={100} status={j.rejected > 0 ? 'normal' : 'success'} showInfo={false} />
        <div className="import-counts">
          <Statistic title={t('orgs.importInserted')} value={j.inserted} />
          <Statistic title={t('orgs.importUpdated')} value={j.updated} />
          <Statistic title={t('orgs.importUnchanged')} value={j.unchanged} />
          <Statistic title={t('orgs.importRejected')} value={j.rejected} styles={{ content: j.rejected > 0 ? { color: '#cf1322' } : undefined }} />
          {j.skipped > 0 && <Statistic title={t('orgs.importSkipped')} value={j.skipped} />}
        </div>
        {j.rejected > 0 ? (
          <>
            <Alert type="warning" showIcon title={t('orgs.importRejectedHint', { n: formatCount(j.rejected) })} className="import-alert" role="alert" />
            <Table
              size="small"
              className="import-problems"
              rowKey={(p) => `${p.row}:${p.column}:${p.message}`}
              pagination={false}
              dataSource={j.firstProblems}
              caption={j.rejected > j.firstProblems.length ? t('orgs.importFirstProblems', { n: j.firstProblems.length }) : undefined}
              columns={[
                { title: t('orgs.importRow'), dataIndex: 'row', width: 64, className: 'nowrap' },
                { title: t('orgs.importColumn'), dataIndex: 'column', width: 120 },
                { title: t('orgs.importProblem'), dataIndex: 'message' },
              ]}
            />
          </>
        ) : (
          <Alert type="success" showIcon title={t('orgs.importAllOk', { n: formatCount(j.total) })} className="import-alert" />
        )}
        <Space wrap className="import-actions">
          {j.reportUrl && (
            <Button type={j.rejected > 0 ? 'primary' : 'default'} icon={<DownloadOutlined />} href={j.reportUrl}>
              {t('orgs.importReport')}
            </Button>
          )}
          {picker}
        </Space>
      </div>
    );
  }

  return (
    <Drawer title={spec.texts?.title ?? t('orgs.importTitle')} open={open} onClose={onClose} size={isMobile ? '100%' : 560} className="no-print">
      {chosen && body}
      {!chosen && (
        <>
          <Steps
            orientation="vertical"
            size="small"
            current={current}
            items={[
              {
                title: spec.texts?.step1 ?? t('orgs.importStep1'),
                content: (
                  <Button icon={<DownloadOutlined />} href={spec.templateUrl} className="import-template">
                    {t('orgs.importTemplate')}
                  </Button>
                ),
              },
              { title: t('orgs.importStep2') },
            ]}
          />
          <Typography.Paragraph type="secondary" className="import-rules">
            {spec.texts?.rules ?? t('orgs.importRules')}
          </Typography.Paragraph>
          {body}
        </>
      )}
    </Drawer>
  );
}
