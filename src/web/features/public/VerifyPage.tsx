import { useCallback, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, Result, Skeleton, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import type { PublicCertificate } from '../../../shared/schemas/applications.js';
import { ApiError, api, errorMessage } from '../../api/client.js';
import { useEnumLabels, useLang } from '../../i18n.js';
import './verify.css';

const NUMBER = /^(BA|DJ)-\d{6}-\d{4}-\d{5}-[0-9A-Z]{4}$/;

const messages = {
  title: ['证书核验', 'Certificate verification'],
  intro: [
    '输入备案证明或登记证书上的编号（也可扫描证书上的二维码），核验证书是否真实有效。本页只显示公开信息。',
    'Enter the number printed on a filing or registration certificate (or scan its QR code) to check that it is genuine and valid. Only public facts are shown.',
  ],
  number: ['证书编号', 'Certificate number'],
  numberRule: ['编号格式如 BA-360802-2026-00001-7K3M', 'Numbers look like BA-360802-2026-00001-7K3M'],
  check: ['核验', 'Verify'],
  valid: ['证书有效', 'The certificate is valid'],
  validHint: ['该证书由登记管理机关签发，目前有效。', 'Issued by the registration authority and currently valid.'],
  superseded: ['证书已变更', 'The certificate has been superseded'],
  supersededHint: ['该组织办理变更后已换发新证书，本证书不再有效。', 'After a change the organization received a new certificate; this one is no longer valid.'],
  newNumber: ['现行证书：', 'Current certificate: '],
  revoked: ['证书已注销作废', 'The certificate has been revoked'],
  revokedHint: ['该组织已于 {date} 注销，本证书作废。', 'The organization was deregistered on {date}; the certificate is void.'],
  notFound: ['未找到该证书', 'No such certificate'],
  notFoundHint: ['请核对编号（字母 O 与数字 0、字母 I 与数字 1 不会同时出现在编号末 4 位中）。', 'Check the number again.'],
  kind: ['证书类型', 'Kind'],
  filing: ['社区社会组织备案证明', 'Filing certificate'],
  registration: ['社会组织登记证书', 'Registration certificate'],
  orgName: ['组织名称', 'Organization'],
  legalForm: ['组织形式', 'Legal form'],
  category: ['类别', 'Category'],
  place: ['所在地', 'Place'],
  creditCode: ['统一社会信用代码', 'Credit code'],
  issuedOn: ['发证日期', 'Issued on'],
  issuer: ['发证机关', 'Issued by'],
  revokedOn: ['注销日期', 'Revoked on'],
  publicPage: ['在信息公示中查看该组织', 'See the organization in the public register'],
  another: ['核验其他证书', 'Verify another'],
} as const;
type Key = keyof typeof messages;

function useVT() {
  const { lang } = useLang();
  return useCallback(
    (k: Key, vars?: Record<string, string>) => {
      const text: string = messages[k][lang === 'zh' ? 0 : 1];
      return vars ? text.replace(/\{(\w+)\}/g, (m, n: string) => vars[n] ?? m) : text;
    },
    [lang],
  );
}

function NumberForm({ initial }: { initial?: string }) {
  const vt = useVT();
  const navigate = useNavigate();
  return (
    <Form
      layout="inline"
      name="verify"
      className="verify-form"
      initialValues={{ number: initial ?? '' }}
      onFinish={(v: { number: string }) => navigate(`/verify/${encodeURIComponent(v.number.trim().toUpperCase())}`)}
    >
      <Form.Item
        name="number"
        normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
        rules={[{ required: true, pattern: NUMBER, message: vt('numberRule') }]}
        className="verify-input"
      >
        <Input size="large" prefix={<SafetyCertificateOutlined />} placeholder="BA-360802-2026-00001-7K3M" aria-label={vt('number')} className="mono" maxLength={32} />
      </Form.Item>
      <Form.Item>
        <Button size="large" type="primary" htmlType="submit">
          {vt('check')}
        </Button>
      </Form.Item>
    </Form>
  );
}

/** `/verify` and `/verify/:number`: anyone checks a certificate — valid, superseded (with its successor) or revoked. */
export default function VerifyPage() {
  const { number: raw } = useParams();
  const number = raw ? decodeURIComponent(raw).toUpperCase() : undefined;
  const vt = useVT();
  const labels = useEnumLabels();
  const wellFormed = !!number && NUMBER.test(number);
  const q = useQuery({
    queryKey: ['public', 'certificate', number],
    queryFn: ({ signal }) => api<PublicCertificate>(`/public/certificates/${encodeURIComponent(number!)}`, { signal, allowUnauthorized: true }),
    enabled: wellFormed,
  });

  let body: ReactNode;
  if (!number) body = null;
  else if (!wellFormed || (q.isError && q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 400))) {
    body = <Result status="warning" icon={<ExclamationCircleFilled />} title={vt('notFound')} subTitle={<><div className="mono">{number}</div>{vt('notFoundHint')}</>} />;
  } else if (q.isError) {
    body = <Result status="error" title={errorMessage(q.error)} extra={<Button onClick={() => q.refetch()}>↻</Button>} />;
  } else if (q.isPending) {
    body = <Skeleton active paragraph={{ rows: 8 }} />;
  } else {
    const c = q.data;
    const state =
      c.status === 'valid'
        ? { cls: 'verify-valid', icon: <CheckCircleFilled />, title: vt('valid'), hint: vt('validHint') }
        : c.status === 'superseded'
          ? { cls: 'verify-superseded', icon: <ExclamationCircleFilled />, title: vt('superseded'), hint: vt('supersededHint') }
          : { cls: 'verify-revoked', icon: <CloseCircleFilled />, title: vt('revoked'), hint: vt('revokedHint', { date: c.revokedOn ?? '' }) };
    body = (
      <>
        <div className={`verify-state ${state.cls}`} role="status">
          <span className="verify-icon" aria-hidden>
            {state.icon}
          </span>
          <div>
            <div className="verify-title">{state.title}</div>
            <div>{state.hint}</div>
            {c.status === 'superseded' && c.supersededBy && (
              <div className="verify-next">
                {vt('newNumber')}
                <Link to={`/verify/${encodeURIComponent(c.supersededBy)}`} className="mono">
                  {c.supersededBy}
                </Link>
              </div>
            )}
          </div>
        </div>
        <Descriptions
          bordered
          size="small"
          column={1}
          styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}
          items={[
            { key: 'number', label: vt('number'), children: <span className="mono">{c.number}</span> },
            { key: 'kind', label: vt('kind'), children: c.kind === 'filing' ? vt('filing') : vt('registration') },
            { key: 'orgName', label: vt('orgName'), children: <strong>{c.orgName}</strong> },
            { key: 'legalForm', label: vt('legalForm'), children: labels.legalForm(c.legalForm) },
            { key: 'category', label: vt('category'), children: c.category },
            { key: 'place', label: vt('place'), children: c.regionPath },
            ...(c.creditCode ? [{ key: 'creditCode', label: vt('creditCode'), children: <span className="mono">{c.creditCode}</span> }] : []),
            { key: 'issuedOn', label: vt('issuedOn'), children: <span className="mono">{c.issuedOn}</span> },
            { key: 'issuer', label: vt('issuer'), children: c.issuer },
            ...(c.revokedOn ? [{ key: 'revokedOn', label: vt('revokedOn'), children: <span className="mono">{c.revokedOn}</span> }] : []),
          ]}
        />
        {c.status !== 'revoked' && (
          <div className="verify-links">
            <Link to={`/public/orgs/${c.publicOrgId}`}>{vt('publicPage')}</Link>
          </div>
        )}
      </>
    );
  }

  return (
    <Card className="public-card verify-card">
      <Typography.Title level={3} className="page-title">
        {vt('title')}
      </Typography.Title>
      {!number && <Typography.Paragraph type="secondary">{vt('intro')}</Typography.Paragraph>}
      {body}
      <div className="verify-again">
        {number && <Typography.Text type="secondary">{vt('another')}</Typography.Text>}
        <NumberForm key={number} initial={number && !wellFormed ? number : undefined} />
      </div>
    </Card>
  );
}
