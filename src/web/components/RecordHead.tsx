import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Card, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';

/** The top of a record page: the way back to the list, then a card with the record's name, its tags, the actions and a few lines about it (`children`). */
export function RecordHead({
  backTo,
  backLabel,
  title,
  tags,
  actions,
  children,
}: {
  backTo: string;
  backLabel: string;
  title: ReactNode;
  tags: ReactNode;
  actions: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <div className="org-record-back no-print">
        <Link to={backTo}>
          <ArrowLeftOutlined /> {backLabel}
        </Link>
      </div>
      <Card className="org-record-head">
        <div className="org-record-title">
          <div className="org-record-name">
            <Typography.Title level={4} className="page-title">
              {title}
            </Typography.Title>
            <Space size={4} wrap>
              {tags}
            </Space>
          </div>
          {actions}
        </div>
        {children}
      </Card>
    </>
  );
}
