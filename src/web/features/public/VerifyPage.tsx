import type { ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, Result, Skeleton, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { ApiError, errorMessage } from '../../api/client.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { certificateQuery } from './public.api.js';
import { CERTIFICATE_NUMBER as NUMBER, normalizeCertificateNumber } from '../../../shared/text-normalize.js';
import { usePageTitle } from '../../lib/page-title.js';
import { publicMessages } from './public.messages.js';
import { CategoryText, Data } from '../../components/Data.js';
import './verify.css';


function NumberForm({ initial }: { initial?: string }) {
  const vt = useT(publicMessages);
  const navigate = useNavigate();
  return (
    <Form
      layout="inline"
      name="verify"
      className="verify-form"
      initialValues={{ number: initial ?? '' }}
      onFinish={(v: { number: string }) => navigate(`/verify/${encodeURIComponent(normalizeCertificateNumber(v.number))}`)}
    >
      <Form.Item
        name="number"
        rules={[
          {
            required: true,
            // Typed with full-width dashes, spaces or none at all (a Chinese input method): checked as printed.
            validator: async (_r, v: string | undefined) => {
              if (!v || !NUMBER.test(normalizeCertificateNumber(v))) throw new Error(vt('verify.numberRule'));
            },
          },
        ]}
        className="verify-input"
      >
        <Input size="large" prefix={<SafetyCertificateOutlined />} placeholder="BA-360802-2026-00001-7K3M" aria-label={vt('verify.number')} className="mono" maxLength={32} />
      </Form.Item>
      <Form.Item>
        <Button size="large" type="primary" htmlType="submit">
          {vt('verify.check')}
        </Button>
      </Form.Item>
    </Form>
  );
}

/** `/verify` and `/verify/:number`: anyone checks a certificate — valid, superseded (with its successor) or revoked. */
export default function VerifyPage() {
  const { number: raw } = useParams();
  const number = raw ? normalizeCertificateNumber(decodeURIComponent(raw)) : undefined;
  const vt = useT(publicMessages);
  usePageTitle(vt('verify.title'));
  const labels = useEnumLabels();
  const wellFormed = !!number && NUMBER.test(number);
  const q = useQuery(certificateQuery(number, wellFormed));

  let body: ReactNode;
  if (!number) body = null;
  else if (!wellFormed || (q.isError && q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 400))) {
    body = <Result status="warning" icon={<ExclamationCircleFilled />} title={vt('verify.notFound')} subTitle={<><div className="mono">{number}</div>{vt('verify.notFoundHint')}</>} />;
  } else if (q.isError) {
    body = <Result status="error" title={errorMessage(q.error)} extra={<Button onClick={() => q.refetch()}>↻</Button>} />;
  } else if (q.isPending) {
    body = <Skeleton active paragraph={{ rows: 8 }} />;
  } else {
    const c = q.data;
    const state =
      c.status === 'valid'
        ? { cls: 'verify-valid', icon: <CheckCircleFilled />, title: vt('verify.valid'), hint: vt('verify.validHint') }
        : c.status === 'superseded'
          ? { cls: 'verify-superseded', icon: <ExclamationCircleFilled />, title: vt('verify.superseded'), hint: vt('verify.supersededHint') }
          : { cls: 'verify-revoked', icon: <CloseCircleFilled />, title: vt('verify.revoked'), hint: vt('verify.revokedHint', { date: c.revokedOn ?? '' }) };
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
                {vt('verify.newNumber')}
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
            { key: 'number', label: vt('verify.number'), children: <span className="mono">{c.number}</span> },
            { key: 'kind', label: vt('verify.kind'), children: c.kind === 'filing' ? vt('verify.filing') : vt('verify.registration') },
            { key: 'orgName', label: vt('verify.orgName'), children: <strong data-value="">{c.orgName}</strong> },
            { key: 'legalForm', label: vt('verify.legalForm'), children: labels.legalForm(c.legalForm) },
            { key: 'category', label: vt('verify.category'), children: <CategoryText value={c.category} /> },
            { key: 'place', label: vt('verify.place'), children: <Data>{c.regionPath}</Data> },
            ...(c.creditCode ? [{ key: 'creditCode', label: vt('verify.creditCode'), children: <span className="mono">{c.creditCode}</span> }] : []),
            { key: 'issuedOn', label: vt('verify.issuedOn'), children: <span className="mono">{c.issuedOn}</span> },
            { key: 'issuer', label: vt('verify.issuer'), children: <Data>{c.issuer}</Data> },
            ...(c.revokedOn ? [{ key: 'revokedOn', label: vt('verify.revokedOn'), children: <span className="mono">{c.revokedOn}</span> }] : []),
          ]}
        />
        {c.status !== 'revoked' && (
          <div className="verify-links">
            <Link to={`/public/orgs/${c.publicOrgId}`}>{vt('verify.publicPage')}</Link>
          </div>
        )}
      </>
    );
  }

  return (
    <Card className="public-card verify-card">
      <Typography.Title level={3} className="page-title">
        {vt('verify.title')}
      </Typography.Title>
      {!number && <Typography.Paragraph type="secondary">{vt('verify.intro')}</Typography.Paragraph>}
      {body}
      <div className="verify-again">
        {number && <Typography.Text type="secondary">{vt('verify.another')}</Typography.Text>}
        <NumberForm key={number} initial={number && !wellFormed ? number : undefined} />
      </div>
    </Card>
  );
}
