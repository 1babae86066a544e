import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, List, Radio, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { ApplicationKind } from '../../../shared/enums.js';
import { useCurrentUser } from '../../auth/session.js';
import { RegionSelect } from '../regions/RegionSelect.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { useFormFeedback } from '../../lib/form-feedback.js';
import { useAppLabels, applicationsMessages } from './applications.messages.js';
import { OrgApplyActions } from './OrgApplyActions.js';
import { applicationsQuery, useCreateApplication } from './applications.api.js';
import './applications.css';

interface Values {
  kind: 'filing' | 'registration';
  name: string;
  regionCode: string | null;
}

/** `/applications/new`: choose what to apply for; an establishment starts as a draft with its name and place. */
export default function NewApplicationPage() {
  const t = useT(applicationsMessages);
  const labels = useAppLabels();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const feedback = useFormFeedback(form, { name: 'newApplication' });
  const kind = Form.useWatch('kind', form) ?? 'filing';
  const create = useCreateApplication();
  const applicant = user.role === 'org_leader';
  const [regionLevel, setRegionLevel] = useState<number | null>(user.region?.level ?? null);
  const minLevel = kind === 'registration' ? 3 : 4;
  const defaultRegion = user.region && user.region.level >= 4 ? user.region : null;

  const start = async () => {
    const v = await feedback.validate();
    if (!v) return;
    create.mutate(
      {
        kind: v.kind as ApplicationKind,
        data: {
          org: {
            name: v.name.trim(),
            ...(v.regionCode ? { regionCode: v.regionCode } : {}),
            // An applicant files for their own organization: they are its leader until they say otherwise (issue 22
            // item 10). Their phone is not in the session, so the wizard asks for it.
            ...(applicant ? { leaderName: user.displayName } : {}),
          },
          members: [],
        },
      },
      {
        onSuccess: (app) => {
          message.success(t('new.created'));
          navigate(`/applications/${app.id}/edit`);
        },
        onError: (err) => void feedback.showServerError(err),
      },
    );
  };

  return (
    <div className="new-app-page">
      <div className="org-record-back">
        <Link to="/applications">
          <ArrowLeftOutlined /> {t('page.back')}
        </Link>
      </div>
      <Card title={applicant ? t('new.title') : t('new.titleOnBehalf')}>
        <Form
          {...feedback.formProps}
          layout="vertical"
          initialValues={{ kind: 'filing', name: '', regionCode: defaultRegion?.code ?? null }}
          onFinish={start}
        >
          <Form.Item name="kind" label={t('new.kind')} required /* one is always chosen */>
            <Radio.Group className="kind-choices">
              {(['filing', 'registration'] as const).map((k) => (
                <Radio key={k} value={k} className="kind-choice">
                  <strong>{labels.kind(k)}</strong>
                  <div className="kind-desc">{k === 'filing' ? t('new.filingDesc') : t('new.registrationDesc')}</div>
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="name"
            label={t('new.name')}
            rules={[
              { required: true, whitespace: true, message: t('new.nameRequired') },
              { min: 2, max: 100, message: t('wizard.rule.nameLength') },
            ]}
          >
            <Input maxLength={100} placeholder={t('new.namePlaceholder')} />
          </Form.Item>
          <Form.Item
            name="regionCode"
            label={t('new.region')}
            required
            extra={kind === 'registration' ? t('wizard.regionHintRegistration') : t('wizard.regionHintFiling')}
            rules={[
              {
                validator: async (_r, code: string | null) => {
                  if (!code) throw new Error(t('new.regionRequired'));
                  if (regionLevel !== null && regionLevel < minLevel) throw new Error(t('new.regionRequired'));
                },
              },
            ]}
          >
            <RegionSelect initial={defaultRegion} onChange={(_c, hit) => setRegionLevel(hit?.level ?? null)} isDisabled={(hit) => hit.level < minLevel} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('new.start')}
          </Button>
        </Form>
      </Card>
      <Card title={t('new.myOrgs')} className="app-section">
        <Typography.Paragraph type="secondary">{t('new.changeDesc')}</Typography.Paragraph>
        {applicant ? <MyOrgs /> : <Typography.Text>{t('new.staffHint')}</Typography.Text>}
      </Card>
    </div>
  );
}

/** An applicant's organizations: those their approved establishment applications founded. */
function MyOrgs() {
  const t = useT(applicationsMessages);
  const enumLabels = useEnumLabels();
  const approved = useQuery(applicationsQuery({ queue: 'all', status: 'approved', sort: '-updated', page: 1, pageSize: 100 }));
  if (approved.isPending) return <Skeleton active />;
  const items = approved.data?.items ?? [];
  const seen = new Map<number, { id: number; name: string; legalForm: (typeof items)[number]['legalForm'] }>();
  // Deregistered organizations have nothing left to apply for.
  const ended = new Set(items.filter((a) => a.kind.endsWith('_deregistration') && a.org).map((a) => a.org!.id));
  for (const a of items) if (a.org && !ended.has(a.org.id) && !seen.has(a.org.id)) seen.set(a.org.id, { id: a.org.id, name: a.org.name, legalForm: a.legalForm });
  const orgs = [...seen.values()];
  if (orgs.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('new.noOrgs')} />;
  return (
    <List
      dataSource={orgs}
      renderItem={(o) => (
        <List.Item>
          <Space wrap className="my-org">
            <strong>{o.name}</strong>
            {o.legalForm && <Typography.Text type="secondary">{enumLabels.legalForm(o.legalForm)}</Typography.Text>}
          </Space>
          <OrgApplyActions org={o} />
        </List.Item>
      )}
    />
  );
}
