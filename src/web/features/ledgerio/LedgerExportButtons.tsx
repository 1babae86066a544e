import { Button, Space, Tooltip } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useCan } from '../../auth/session.js';
import { useT } from '../../i18n.js';
import { ledgerExportUrl, ledgerPrintUrl, type LedgerSelection } from './ledgerio.api.js';
import { ledgerioMessages } from './ledgerio.messages.js';

/**
 * 导出 Excel and 打印台账 for the page's current selection (node, period, organization). Plain links: the browser
 * downloads the sheet and opens the PDF in a new tab (the server streams both and audits them).
 */
export function LedgerExportButtons({ selection }: { selection: LedgerSelection }) {
  const t = useT(ledgerioMessages);
  const can = useCan();
  if (!can('activity.read')) return null;
  return (
    <Space wrap className="no-print">
      <Tooltip title={t('ledgerio.exportHint')}>
        <Button icon={<DownloadOutlined />} href={ledgerExportUrl(selection)}>
          {t('ledgerio.export')}
        </Button>
      </Tooltip>
      <Tooltip title={t('ledgerio.printHint')}>
        <Button icon={<PrinterOutlined />} href={ledgerPrintUrl(selection)} target="_blank" rel="noopener">
          {t('ledgerio.print')}
        </Button>
      </Tooltip>
    </Space>
  );
}
