import { Link } from 'react-router-dom';
import { Button, Space, Typography } from 'antd';
import { FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useCan } from '../../auth/session.js';
import { CERTIFICATE_NUMBER, certificatePdfUrl, verifyPath } from './applications.api.js';
import { useT } from '../../i18n.js';
import { applicationsMessages } from './applications.messages.js';

/** A certificate number with its PDF (for those allowed to read it) and its public verification page. */
export function CertificateLinks({ number, compact = false }: { number: string; compact?: boolean }) {
  const t = useT(applicationsMessages);
  const canRead = useCan()('certificate.read');
  if (!CERTIFICATE_NUMBER.test(number)) return <span className="mono">{number}</span>;
  return (
    <Space wrap size={compact ? 4 : 8} className="cert-links">
      <Typography.Text copyable className="mono cert-number">
        {number}
      </Typography.Text>
      {canRead && (
        <Button size={compact ? 'small' : 'middle'} icon={<FilePdfOutlined />} href={certificatePdfUrl(number)} target="_blank" rel="noreferrer" className="no-print">
          {t('cert.download')}
        </Button>
      )}
      <Link to={verifyPath(number)} target="_blank" className="no-print">
        <SafetyCertificateOutlined /> {t('cert.verify')}
      </Link>
    </Space>
  );
}
