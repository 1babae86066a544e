import { useLayoutEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, Result, Skeleton, Space, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import type { OrgCreateBody, OrgUpdateBody } from '../../../shared/schemas/orgs.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { useCurrentUser } from '../../auth/session.js';
import { ConflictAlert } from '../../components/ConflictAlert.js';
import { useT } from '../../i18n.js';
import { useFormFeedback, useUnsavedGuard } from '../../lib/form-feedback.js';
import { BasicSection } from './org-form/BasicSection.js';
import { CharterSection } from './org-form/CharterSection.js';
import { MarksSection } from './org-form/MarksSection.js';
import { NEW_VALUES, bodyOf, bodyOfOrg, text, valuesOf, type Values } from './org-form/org-form.js';
import { PeopleSection } from './org-form/PeopleSection.js';
import { ReasonField } from './org-form/ReasonField.js';
import { orgsMessages } from './orgs.messages.js';
import { orgQuery, useCreateOrg, useUpdateOrg, type Org } from './orgs.api.js';

// The organization form: this page holds the record's version, the form, dirty and conflict state and the save;
// org-form/ holds one component per section and the form's data rules.

/** `/orgs/new` and `/orgs/:id/edit`. */
export default function OrgFormPage() {
  const { id } = useParams();
  const orgId = Number(id);
  const editing = id !== undefined;
  const t = useT(orgsMessages);
  const org = useQuery({ ...orgQuery(orgId), enabled: editing && Number.isInteger(orgId) && orgId > 0 });

  if (!editing) return <OrgForm />;
  if (org.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 12 }} />
      </Card>
    );
  }
  if (org.isError) {
    const gone = org.error instanceof ApiError && (org.error.status === 404 || org.error.status === 403);
    return (
      <Card>
        <Result
          status={gone ? '404' : 'error'}
          title={gone ? t('orgs.notFound') : t('common.loadFailed')}
          subTitle={gone ? undefined : errorMessage(org.error)}
          extra={!gone && <Button onClick={() => org.refetch()}>{t('common.retry')}</Button>}
        />
      </Card>
    );
  }
  return <OrgForm key={org.data.id} initial={org.data} onReload={() => org.refetch()} />;
}

interface FormProps {
  /** The record to edit; none for a new one. */
  initial?: Org;
  onReload?: () => Promise<{ data?: Org }>;
}

function OrgForm({ initial, onReload }: FormProps) {
  // The form edits the version it was loaded with: a background refetch must neither wipe the user's typing
  // nor move the version on (a save then answers 409 and the user reloads on purpose).
  const [org, setOrg] = useState(initial);
  const t = useT(orgsMessages);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateOrg();
  const update = useUpdateOrg(org?.id ?? 0);
  // Community staff have one community: a new record is placed there until they choose otherwise (issue 22 item 10).
  const user = useCurrentUser();
  const home = !org && user.region && user.region.level >= 5 ? user.region : null;
  const [regionLevel, setRegionLevel] = useState<number | null>(org?.region.level ?? home?.level ?? null);
  const [dirty, setDirty] = useState(false);
  const [conflict, setConflict] = useState(false);
  const editing = !!org;
  const saving = create.isPending || update.isPending;

  // The fields show the record (or a blank form) before the user can type; again after a reload.
  useLayoutEffect(() => {
    form.resetFields();
    form.setFieldsValue(org ? valuesOf(org) : { ...NEW_VALUES, regionCode: home?.code ?? null });
    setRegionLevel(org?.region.level ?? home?.level ?? null);
    setDirty(false);
  }, [org, form]); // eslint-disable-line react-hooks/exhaustive-deps -- `home` is the session's, fixed for the page

  // The shared form behaviour (lib/form-feedback.tsx): the first problem scrolled to, focused and named; leaving
  // with unsaved edits asks first (menu, links, back button, closing the tab).
  const feedback = useFormFeedback(form, { name: 'orgForm' });
  const guard = useUnsavedGuard(dirty);

  const fail = (err: unknown) => {
    if (err instanceof ApiError && err.code === 'org.version_conflict') {
      setConflict(true);
      window.scrollTo({ top: 0, behavior: 'smooth' });
      return;
    }
    void feedback.showServerError(err);
  };

  const done = (saved: Org) => {
    setDirty(false);
    guard.release();
    message.success(editing ? t('orgs.saved') : t('orgs.created', { name: saved.name }));
    // The save's own warnings (a similar organization included) go to the record the saver lands on.
    navigate(`/orgs/${saved.id}`, { state: { saved: true, warnings: saved.warnings } });
  };

  const submit = async () => {
    const v = await feedback.validate();
    if (!v) return;
    const body = bodyOf(v);
    const idNumber = typeof v.leaderIdNumber === 'string' ? text(v.leaderIdNumber)?.toUpperCase() : v.leaderIdNumber;
    const phone = typeof v.leaderPhone === 'string' ? text(v.leaderPhone) : v.leaderPhone;
    if (!org) {
      const createBody: OrgCreateBody = { ...body };
      if (idNumber) createBody.leaderIdNumber = idNumber;
      if (phone) createBody.leaderPhone = phone;
      create.mutate(createBody, { onSuccess: done, onError: fail });
      return;
    }
    const before = bodyOfOrg(org);
    const patch: OrgUpdateBody = { version: org.version };
    const changed = patch as Record<string, unknown>;
    for (const [k, value] of Object.entries(body)) {
      if (JSON.stringify(value ?? null) !== JSON.stringify((before as Record<string, unknown>)[k] ?? null)) changed[k] = value;
    }
    // Personal fields: only a typed number (replace) or an explicit clear is sent; empty keeps what is stored.
    if (idNumber !== undefined) patch.leaderIdNumber = idNumber;
    if (phone !== undefined) patch.leaderPhone = phone;
    if (Object.keys(patch).length === 1) {
      message.info(t('orgs.nothingChanged'));
      return;
    }
    patch.reason = v.reason?.trim();
    update.mutate(patch, { onSuccess: done, onError: fail });
  };

  const reload = async () => {
    const fresh = await onReload?.();
    if (fresh?.data) setOrg(fresh.data);
    setConflict(false);
  };

  return (
    <div className="org-form-page">
      <div className="page-head">
        <Typography.Title level={4} className="page-title">
          {editing ? t('orgs.editTitle', { name: org.name }) : t('orgs.newTitle')}
        </Typography.Title>
        <Button onClick={() => navigate(editing ? `/orgs/${org.id}` : '/orgs')} className="no-print">
          {t('common.cancel')}
        </Button>
      </div>
      {conflict && <ConflictAlert title={t('orgs.conflict')} hint={t('orgs.conflictHint')} reloadLabel={t('orgs.reload')} onReload={reload} />}
      <Form {...feedback.formProps} layout="vertical" onFinish={submit} onValuesChange={() => setDirty(true)} autoComplete="off">
        <BasicSection form={form} org={org} defaultRegion={home} regionLevel={regionLevel} onRegionLevel={setRegionLevel} />
        <PeopleSection org={org} />
        <CharterSection />
        <MarksSection org={org} />
        {/* 修改原因 every edit needs sits beside 保存, in the bar that stays on screen (issue 22 item 1). */}
        <div className="org-form-actions no-print">
          {editing && <ReasonField />}
          <Space>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
              {t('common.save')}
            </Button>
            <Button onClick={() => navigate(editing ? `/orgs/${org.id}` : '/orgs')}>{t('common.cancel')}</Button>
          </Space>
          {editing && (
            <Typography.Text type="secondary" className="org-form-version">
              {t('orgs.versionValue', { n: org.version })}
            </Typography.Text>
          )}
        </div>
      </Form>
    </div>
  );
}
