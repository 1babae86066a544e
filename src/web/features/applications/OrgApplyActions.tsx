import { useNavigate } from 'react-router-dom';
import { App, Button, Dropdown, Space, Tooltip } from 'antd';
import { DownOutlined, FileAddOutlined } from '@ant-design/icons';
import { REGISTERED_FORMS, type ApplicationKind, type LegalForm, type OrgStatus } from '../../../shared/enums.js';
import { errorMessage } from '../../api/client.js';
import { useCan } from '../../auth/session.js';
import { type AppMsgKey, applicationsMessages } from './applications.messages.js';
import { useCreateApplication } from './applications.api.js';
import { useT } from '../../i18n.js';

interface OrgLike {
  id: number;
  name: string;
  legalForm: LegalForm | null;
  status?: OrgStatus;
}

/** The applications an organization may start from where it stands: change or deregister; file or register. */
export function kindsFor(form: LegalForm | null): { change?: ApplicationKind; deregister?: ApplicationKind; extra: { kind: ApplicationKind; label: AppMsgKey }[] } {
  if (form === 'grassroots') return { extra: [{ kind: 'filing', label: 'org.file' }] };
  if (form === 'filed') return { change: 'filing_change', deregister: 'filing_deregistration', extra: [{ kind: 'registration', label: 'org.register' }] };
  if (form && REGISTERED_FORMS.includes(form)) return { change: 'registration_change', deregister: 'registration_deregistration', extra: [] };
  return { extra: [] };
}

/**
 * "申请变更 / 申请注销" on an organization (record page for staff, an approved application for its leader): a draft
 * prefilled from the record is created and the wizard opens. Staff acting here apply on the organization's behalf.
 */
export function OrgApplyActions({ org }: { org: OrgLike }) {
  const t = useT(applicationsMessages);
  const can = useCan();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const create = useCreateApplication();
  if (!can('application.apply')) return null;
  const kinds = kindsFor(org.legalForm);
  if (!kinds.change && kinds.extra.length === 0) return null;
  const active = org.status === undefined || org.status === 'active';
  // A grassroots group still 筹备 may file (the server accepts it for a filing only).
  const mayFile = active || (org.legalForm === 'grassroots' && org.status === 'preparing');

  const start = (kind: ApplicationKind) =>
    create.mutate(
      { kind, orgId: org.id },
      {
        onSuccess: (app) => {
          message.success(t('new.created'));
          navigate(`/applications/${app.id}/edit`);
        },
        onError: (err) => message.error(errorMessage(err)),
      },
    );
  const deregister = (kind: ApplicationKind) =>
    modal.confirm({
      title: t('org.deregisterConfirm', { name: org.name }),
      content: t('org.deregisterHint'),
      okText: t('org.create'),
      okButtonProps: { danger: true },
      onOk: () => start(kind),
    });

  const buttons = (
    <Space.Compact>
      {kinds.change && (
        <Button icon={<FileAddOutlined />} disabled={!active} loading={create.isPending} onClick={() => start(kinds.change!)}>
          {t('org.change')}
        </Button>
      )}
      {kinds.deregister && (
        <Button danger disabled={!active} onClick={() => deregister(kinds.deregister!)}>
          {t('org.deregister')}
        </Button>
      )}
      {kinds.extra.length > 0 &&
        (kinds.change ? (
          <Dropdown disabled={!active} trigger={['click']} menu={{ items: kinds.extra.map((e) => ({ key: e.kind, label: t(e.label) })), onClick: ({ key }) => start(key as ApplicationKind) }}>
            <Button aria-label={t('org.apply')} icon={<DownOutlined />} />
          </Dropdown>
        ) : (
          <Button icon={<FileAddOutlined />} disabled={!(kinds.extra[0].kind === 'filing' ? mayFile : active)} loading={create.isPending} onClick={() => start(kinds.extra[0].kind)}>
            {t(kinds.extra[0].label)}
          </Button>
        ))}
    </Space.Compact>
  );
  return active ? buttons : <Tooltip title={t('org.notActive')}>{buttons}</Tooltip>;
}
