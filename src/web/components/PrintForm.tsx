import { useEffect, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Result, Skeleton } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { ApiError, errorMessage } from '../api/client.js';
import { useT } from '../i18n.js';

/**
 * A record printed as an A4 sheet, outside the app's chrome: a toolbar (back, print) that does not print,
 * and the sheet once the record has loaded.
 */
export function PrintPage<T>({
  query,
  backTo,
  notFoundTitle,
  children,
}: {
  query: UseQueryResult<T>;
  backTo: string;
  notFoundTitle: string;
  children: (data: T) => ReactNode;
}) {
  const t = useT();
  const location = useLocation();
  const navigate = useNavigate();
  const autoPrint = (location.state as { print?: boolean } | null)?.print === true;

  // Opened from the record page's 打印 button: bring up the print dialog once the sheet is drawn.
  useEffect(() => {
    if (!autoPrint || !query.data) return;
    const timer = setTimeout(() => window.print(), 300);
    return () => clearTimeout(timer);
  }, [autoPrint, query.data]);

  let sheet: ReactNode;
  if (query.isPending) sheet = <Skeleton active paragraph={{ rows: 16 }} />;
  else if (query.isError) {
    const gone = query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 403);
    sheet = (
      <Result
        status={gone ? '404' : 'error'}
        title={gone ? notFoundTitle : t('common.loadFailed')}
        subTitle={gone ? undefined : errorMessage(query.error)}
      />
    );
  } else sheet = children(query.data);

  return (
    <div className="print-page">
      <div className="print-toolbar no-print">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(backTo)}>
          {t('common.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!query.data}>
          {t('common.print')}
        </Button>
      </div>
      <div className="a4-sheet">{sheet}</div>
    </div>
  );
}

/** The 登记表 layout: a title, a four-column table of label/value cells, a signature line and a few lines of provenance. */
export function PrintForm({
  className,
  title,
  note,
  signLabel,
  dateLabel,
  meta,
  children,
}: {
  className?: string;
  title: ReactNode;
  note: ReactNode;
  signLabel: string;
  dateLabel: string;
  meta: ReactNode;
  children: ReactNode;
}) {
  return (
    <article className={className ? `reg-form ${className}` : 'reg-form'}>
      <header className="reg-head">
        <h1>{title}</h1>
        <div className="reg-note">{note}</div>
      </header>
      <table className="reg-table">
        <colgroup>
          <col className="reg-col-label" />
          <col className="reg-col-value" />
          <col className="reg-col-label" />
          <col className="reg-col-value" />
        </colgroup>
        <tbody>{children}</tbody>
      </table>
      <footer className="reg-foot">
        <div className="reg-sign">
          <span>{signLabel}</span>
          <span className="reg-line" />
          <span>{dateLabel}</span>
          <span className="reg-line reg-line-short" />
        </div>
        <div className="reg-meta">{meta}</div>
      </footer>
    </article>
  );
}

/** A form row of two label/value pairs side by side. */
export const pairRow = (a: string, av: ReactNode, b: string, bv: ReactNode) => (
  <tr>
    <th>{a}</th>
    <td>{av}</td>
    <th>{b}</th>
    <td>{bv}</td>
  </tr>
);

/** A form row whose value spans the width; `tall` leaves room to write by hand. */
export const wideRow = (a: string, av: ReactNode, tall = false) => (
  <tr>
    <th>{a}</th>
    <td colSpan={3} className={tall ? 'reg-tall' : undefined}>
      {av}
    </td>
  </tr>
);

export const sectionRow = (title: string) => (
  <tr className="reg-section">
    <td colSpan={4}>{title}</td>
  </tr>
);

/** A missing value prints as an empty cell to fill in by hand. */
export const orBlank = (x: string | number | null | undefined) => (x === null || x === undefined || x === '' ? '' : x);
