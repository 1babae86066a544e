import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Result, Select, Space, Typography, type SelectProps } from 'antd';
import { CameraOutlined, CloseOutlined, FileOutlined } from '@ant-design/icons';
import { yuanToFen, fenToYuanText } from '../../../shared/schemas/money.js';
import { MAX_ACTIVITY_PHOTOS } from '../../../shared/schemas/ledger.js';
import { Data } from '../../components/Data.js';
import { RecordLoader } from '../../components/RecordLoader.js';
import { useCan } from '../../auth/session.js';
import { useT } from '../../i18n.js';
import { useFormFeedback, useUnsavedGuard } from '../../lib/form-feedback.js';
import { usePageTitle } from '../../lib/page-title.js';
import { activityFileUrl, activityQuery, useRemoveActivityFile, useSaveActivity, writableOrgsQuery, type Activity } from './ledger.api.js';
import { ledgerMessages } from './ledger.messages.js';

interface Values {
  orgId?: number;
  date?: string;
  startTime?: string;
  endTime?: string;
  title?: string;
  activityType?: string;
  place?: string;
  participants?: number | null;
  beneficiaries?: number | null;
  volunteers?: number | null;
  volunteerHours?: number | null;
  amountYuan?: string;
  foreignRelated?: boolean;
  description?: string;
  reason?: string;
}

/** The server's field names on this form's (times are one date and two times here; hours, yuan). */
const SERVER_FIELD: Record<string, string> = { startsAt: 'startTime', endsAt: 'endTime', volunteerMinutes: 'volunteerHours', amountFen: 'amountYuan' };

const chinaParts = (iso: string) => {
  const d = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return { date: d.slice(0, 10), time: d.slice(11, 16) };
};
const todayChina = () => chinaParts(new Date().toISOString()).date;

/** A select of data (organization names, the district's types): its title attribute repeats the chosen one. */
const DataSelect = (props: SelectProps) => (
  <div data-value="">
    <Select {...props} />
  </div>
);

/** `/ledger/new?org=` and `/activities/:id/edit`: phone-first entry (big controls, the camera, one column). */
export default function ActivityEntryPage() {
  const { id } = useParams();
  if (id) return <EditLoader id={Number(id)} />;
  return <ActivityForm />;
}

function EditLoader({ id }: { id: number }) {
  const q = useQuery(activityQuery(id));
  return (
    <RecordLoader query={q} validId={Number.isInteger(id) && id > 0} skeletonRows={10} notFound={<NotFoundCard />}>
      {(a) => <ActivityForm activity={a} />}
    </RecordLoader>
  );
}

function NotFoundCard() {
  const t = useT(ledgerMessages);
  return (
    <Card>
      <Result status="404" title={t('ledger.notFound')} />
    </Card>
  );
}

function ActivityForm({ activity }: { activity?: Activity }) {
  const t = useT(ledgerMessages);
  usePageTitle(t(activity ? 'ledger.editTitle' : 'ledger.newTitle'));
  const navigate = useNavigate();
  const can = useCan();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const feedback = useFormFeedback(form, { name: 'activityForm' });
  const [dirty, setDirty] = useState(false);
  const guard = useUnsavedGuard(dirty);
  const orgs = useQuery(writableOrgsQuery());
  const save = useSaveActivity();
  const removeFile = useRemoveActivityFile(activity?.id ?? 0);
  const [photos, setPhotos] = useState<File[]>([]);
  const [signin, setSignin] = useState<File | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ orgId: number; problems: string[] } | null>(null);
  const previews = useMemo(() => photos.map((f) => URL.createObjectURL(f)), [photos]);
  useEffect(() => () => previews.forEach((u) => URL.revokeObjectURL(u)), [previews]);

  const orgId = Form.useWatch('orgId', form);
  const org = orgs.data?.items.find((o) => o.id === orgId);
  const types = useMemo(() => {
    const list = org ? (orgs.data?.activityTypes[String(org.districtId)] ?? []) : [];
    return activity && !list.includes(activity.activityType) ? [...list, activity.activityType] : list;
  }, [org, orgs.data, activity]);
  const kept = activity?.photos.length ?? 0;
  const room = MAX_ACTIVITY_PHOTOS - kept - photos.length;

  const initial = useMemo<Values>(() => {
    if (!activity) {
      const preset = Number(params.get('org'));
      return { orgId: Number.isInteger(preset) && preset > 0 ? preset : undefined, date: todayChina(), startTime: '09:00', endTime: '11:00', foreignRelated: false };
    }
    const s = chinaParts(activity.startsAt);
    const e = chinaParts(activity.endsAt);
    return {
      orgId: activity.orgId, date: s.date, startTime: s.time, endTime: e.time, title: activity.title, activityType: activity.activityType, place: activity.place,
      participants: activity.participants, beneficiaries: activity.beneficiaries, volunteers: activity.volunteers, volunteerHours: activity.volunteerMinutes / 60,
      amountYuan: activity.amountFen ? fenToYuanText(activity.amountFen) : '', foreignRelated: activity.foreignRelated, description: activity.description ?? '',
    };
  }, [activity, params]);
  // A single organization (a leader's own) is picked for them.
  useEffect(() => {
    if (!activity && !form.getFieldValue('orgId') && orgs.data?.items.length === 1) form.setFieldValue('orgId', orgs.data.items[0].id);
  }, [orgs.data, activity, form]);

  const submit = async (v: Values) => {
    const fen = v.amountYuan ? yuanToFen(v.amountYuan) : 0;
    if (fen === null) {
      form.setFields([{ name: 'amountYuan', errors: [t('ledger.amountInvalid')] }]);
      await feedback.showFirstError();
      return;
    }
    const body = {
      startsAt: `${v.date}T${v.startTime}+08:00`,
      endsAt: `${v.date}T${v.endTime}+08:00`,
      title: v.title ?? '',
      activityType: v.activityType ?? '',
      place: v.place ?? '',
      participants: v.participants ?? 0,
      beneficiaries: v.beneficiaries ?? 0,
      volunteers: v.volunteers ?? 0,
      volunteerMinutes: Math.round((v.volunteerHours ?? 0) * 60),
      amountFen: fen,
      foreignRelated: v.foreignRelated ?? false,
      description: v.description?.trim() ? v.description : null,
    };
    save.mutate(
      { orgId: v.orgId!, id: activity?.id, body: activity ? { ...body, version: activity.version, ...(v.reason ? { reason: v.reason } : {}) } : body, photos, signin, onProgress: (i, n) => setProgress(t('ledger.uploading', { i, n })) },
      {
        onSuccess: ({ activity: a, problems }) => {
          setProgress(null);
          setDirty(false);
          guard.release();
          if (problems.length > 0) message.warning(t('ledger.savedWithProblems', { problems: problems.join('；') }));
          else message.success(t('ledger.saved'));
          if (activity) navigate(can('org.read') ? `/orgs/${a.orgId}?tab=ledger` : '/ledger/new');
          else setSaved({ orgId: a.orgId, problems });
        },
        onError: (err) => {
          setProgress(null);
          void feedback.showServerError(err, { map: (k) => SERVER_FIELD[k] ?? k });
        },
      },
    );
  };

  if (saved) {
    return (
      <Card className="ledger-entry">
        <Result
          status={saved.problems.length ? 'warning' : 'success'}
          title={t('ledger.saved')}
          subTitle={saved.problems.length ? saved.problems.join('；') : undefined}
          extra={
            <Space direction="vertical" style={{ width: '100%' }}>
              <Button type="primary" size="large" block onClick={() => { setSaved(null); setPhotos([]); setSignin(null); form.resetFields(); form.setFieldValue('orgId', saved.orgId); }}>
                {t('ledger.another')}
              </Button>
              {can('org.read') && (
                <Button size="large" block onClick={() => navigate(`/orgs/${saved.orgId}?tab=ledger`)}>
                  {t('ledger.viewOrg')}
                </Button>
              )}
            </Space>
          }
        />
      </Card>
    );
  }

  const required = (key: Parameters<typeof t>[0]) => [{ required: true, message: t(key) }];
  const count = (name: keyof Values, label: Parameters<typeof t>[0], rules?: { required: boolean; message: string }[]) => (
    <Form.Item name={name} label={t(label)} rules={rules} className="ledger-half">
      <InputNumber min={0} precision={0} inputMode="numeric" size="large" style={{ width: '100%' }} />
    </Form.Item>
  );

  return (
    <Card className="ledger-entry" title={<Typography.Title level={4} style={{ margin: 0 }}>{t(activity ? 'ledger.editTitle' : 'ledger.newTitle')}</Typography.Title>}>
      <Form {...feedback.formProps} layout="vertical" size="large" initialValues={initial} onFinish={submit} onValuesChange={() => setDirty(true)} autoComplete="off">
        <Form.Item name="orgId" label={t('ledger.org')} rules={required('ledger.orgRequired')}>
          <DataSelect
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!!activity}
            loading={orgs.isPending}
            placeholder={t('ledger.orgPick')}
            options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
            optionRender={(o) => <Data>{o.label}</Data>}
            labelRender={(o) => <Data>{o.label}</Data>}
          />
        </Form.Item>
        <Form.Item name="title" label={t('ledger.activityTitle')} rules={required('ledger.titleRequired')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="activityType" label={t('ledger.type')} rules={required('ledger.typeRequired')}>
          <DataSelect options={types.map((x) => ({ value: x, label: x }))} optionRender={(o) => <Data>{o.label}</Data>} labelRender={(o) => <Data>{o.label}</Data>} />
        </Form.Item>
        <Form.Item name="date" label={t('ledger.date')} rules={required('ledger.dateRequired')}>
          <Input type="date" />
        </Form.Item>
        <div className="ledger-pair">
          <Form.Item name="startTime" label={t('ledger.startTime')} rules={required('ledger.timeRequired')} className="ledger-half">
            <Input type="time" />
          </Form.Item>
          <Form.Item name="endTime" label={t('ledger.endTime')} rules={required('ledger.timeRequired')} className="ledger-half">
            <Input type="time" />
          </Form.Item>
        </div>
        <Form.Item name="place" label={t('ledger.place')} rules={required('ledger.placeRequired')}>
          <Input maxLength={100} />
        </Form.Item>
        <div className="ledger-pair">
          {count('participants', 'ledger.participants', [{ required: true, message: t('ledger.participantsRequired') }])}
          {count('beneficiaries', 'ledger.beneficiaries')}
        </div>
        <div className="ledger-pair">
          {count('volunteers', 'ledger.volunteers')}
          <Form.Item name="volunteerHours" label={t('ledger.volunteerHours')} tooltip={t('ledger.volunteerHoursHint')} className="ledger-half">
            <InputNumber min={0} step={0.5} precision={1} inputMode="decimal" style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item label={t('ledger.photos', { n: MAX_ACTIVITY_PHOTOS })} extra={t('ledger.photosHint')}>
          <div className="ledger-thumbs">
            {activity?.photos.map((p, i) => (
              <div key={p.id} className="ledger-thumb">
                <img src={activityFileUrl(activity.id, p.id, true)} alt={p.filename} />
                <Button size="small" shape="circle" icon={<CloseOutlined />} aria-label={t('ledger.removePhoto', { n: i + 1 })} onClick={() => removeFile.mutate(p.id)} />
              </div>
            ))}
            {previews.map((u, i) => (
              <div key={u} className="ledger-thumb">
                <img src={u} alt={photos[i].name} />
                <Button size="small" shape="circle" icon={<CloseOutlined />} aria-label={t('ledger.removePhoto', { n: kept + i + 1 })} onClick={() => setPhotos((ps) => ps.filter((_, j) => j !== i))} />
              </div>
            ))}
            {room > 0 && (
              <label className="ledger-camera">
                <CameraOutlined />
                <span>{t('ledger.takePhoto')}</span>
                <input
                  type="file"
                  accept="image/*"
                  capture="environment"
                  multiple
                  onChange={(e) => {
                    const files = [...(e.target.files ?? [])].slice(0, room);
                    setPhotos((ps) => [...ps, ...files]);
                    setDirty(true);
                    e.target.value = '';
                  }}
                />
              </label>
            )}
          </div>
        </Form.Item>
        <Form.Item label={t('ledger.signin')}>
          <label className="ledger-file">
            <FileOutlined /> <span>{signin ? <Data>{signin.name}</Data> : activity?.signin ? <Data>{activity.signin.filename}</Data> : t('ledger.signinPick')}</span>
            <input type="file" accept=".pdf,.jpg,.jpeg,.png,.xlsx,image/*,application/pdf" onChange={(e) => { setSignin(e.target.files?.[0] ?? null); setDirty(true); }} />
          </label>
        </Form.Item>
        <Form.Item name="amountYuan" label={t('ledger.amount')} tooltip={t('ledger.amountHint')}>
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="foreignRelated" valuePropName="checked">
          <Checkbox>{t('ledger.foreign')}</Checkbox>
        </Form.Item>
        <Form.Item name="description" label={t('ledger.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        {activity && (
          <Form.Item name="reason" label={t('ledger.reason')}>
            <Input maxLength={200} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" size="large" block loading={save.isPending}>
          {progress ?? t('ledger.submit')}
        </Button>
      </Form>
    </Card>
  );
}
