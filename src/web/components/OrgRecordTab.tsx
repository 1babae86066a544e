import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { TablePaginationConfig } from 'antd';

export interface TabPage {
  page: number;
  pageSize: number;
}

/**
 * A list tab of the organization record (its declarations, its penalties): a "new" button for those who may add one,
 * and the feature's table paged in the tab's own state (the record's address keeps only the tab).
 */
export function OrgRecordTab({ newLabel, newPath, children }: { newLabel?: string; newPath: string; children: (page: TabPage, onChange: (p: TablePaginationConfig) => void) => ReactNode }) {
  const navigate = useNavigate();
  const [page, setPage] = useState<TabPage>({ page: 1, pageSize: 20 });
  return (
    <Space direction="vertical" size={12} className="full-width">
      {newLabel && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(newPath)}>
          {newLabel}
        </Button>
      )}
      {children(page, (p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 }))}
    </Space>
  );
}
