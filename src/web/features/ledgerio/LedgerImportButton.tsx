import { useMemo, useState } from 'react';
import { Button } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useCan } from '../../auth/session.js';
import { useT } from '../../i18n.js';
import { ImportDrawer } from '../orgs/ImportDrawer.js';
import { ledgerImportSpec, ledgerIoKeys } from './ledgerio.api.js';
import { ledgerioMessages } from './ledgerio.messages.js';

/**
 * 导入台账: the shared import drawer (template, upload, progress, per-row report, resume or rerun) for activities.
 * Shown to those who may import (activity.import: community staff, hub managers); `refresh` is the query key the
 * page's ledger queries start with, refreshed once a job is through.
 */
export function LedgerImportButton({ refresh = ledgerIoKeys.refresh }: { refresh?: readonly unknown[] }) {
  const t = useT(ledgerioMessages);
  const can = useCan();
  const [open, setOpen] = useState(false);
  const spec = useMemo(
    () => ledgerImportSpec({ title: t('ledgerio.importTitle'), step1: t('ledgerio.importStep1'), rules: t('ledgerio.importRules'), interruptedHint: t('ledgerio.importInterruptedHint') }, refresh),
    [t, refresh],
  );
  if (!can('activity.import')) return null;
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} className="no-print">
        {t('ledgerio.import')}
      </Button>
      <ImportDrawer open={open} onClose={() => setOpen(false)} spec={spec} />
    </>
  );
}
