import { useState } from 'react';
import { App, Button, Popconfirm, Space, Typography } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client.js';
import { useCan } from '../../auth/session.js';
import { useT } from '../../i18n.js';
import { useOrgFieldLabel, orgsMessages } from './orgs.messages.js';
import { useRevealPersonal, type PersonalField } from './orgs.api.js';

/**
 * A masked ID number or phone with a "查看" button for roles that may reveal it: confirm, then the server
 * answers with the clear value and records the look in the audit log. The value is held by this component
 * only, never cached, and goes when the page is left.
 */
export function PersonalValue({ orgId, field, masked }: { orgId: number; field: PersonalField; masked: string | null }) {
  const t = useT(orgsMessages);
  const can = useCan();
  const fieldLabel = useOrgFieldLabel();
  const { message } = App.useApp();
  const reveal = useRevealPersonal(orgId);
  const [clear, setClear] = useState<string | null>(null);

  if (!masked) return <Typography.Text type="secondary">{t('orgs.notEntered')}</Typography.Text>;

  const show = () =>
    reveal.mutate(field, {
      onSuccess: (res) => setClear(res.value ?? ''),
      onError: (err) => message.error(errorMessage(err)),
    });

  return (
    <Space size={4} wrap className="personal-value">
      <span className="mono nowrap">{clear ?? masked}</span>
      {can('org.personal.reveal') &&
        (clear !== null ? (
          <Button size="small" type="link" icon={<EyeInvisibleOutlined />} onClick={() => setClear(null)} className="no-print">
            {t('orgs.hide')}
          </Button>
        ) : (
          <Popconfirm
            title={t('orgs.revealConfirm', { field: fieldLabel(field) })}
            description={t('orgs.revealHint')}
            okText={t('orgs.reveal')}
            cancelText={t('common.cancel')}
            onConfirm={show}
          >
            <Button size="small" type="link" icon={<EyeOutlined />} loading={reveal.isPending} className="no-print">
              {t('orgs.reveal')}
            </Button>
          </Popconfirm>
        ))}
    </Space>
  );
}
