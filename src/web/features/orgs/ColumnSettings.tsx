import { useCallback, useState } from 'react';
import { Button, Checkbox, Popover, Space, Tooltip } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useT } from '../../i18n.js';
import { orgsMessages } from './orgs.messages.js';

export interface ColumnChoice {
  key: string;
  label: string;
}

/**
 * The columns a user chose to see, kept in this browser (localStorage) so the list opens the same way tomorrow.
 * Unknown keys from an older release are dropped; an unreadable entry falls back to the defaults.
 */
export function useColumnChoice(storageKey: string, all: readonly string[], defaults: readonly string[]) {
  const [visible, setVisible] = useState<string[]>(() => {
    try {
      const raw = localStorage.getItem(storageKey);
      const parsed: unknown = raw ? JSON.parse(raw) : null;
      if (Array.isArray(parsed)) return parsed.filter((k): k is string => typeof k === 'string' && all.includes(k));
    } catch {
      // Storage unavailable or corrupt: the defaults serve.
    }
    return [...defaults];
  });
  const save = useCallback(
    (next: string[]) => {
      setVisible(next);
      try {
        localStorage.setItem(storageKey, JSON.stringify(next));
      } catch {
        // Private browsing without storage: the choice lasts for this page only.
      }
    },
    [storageKey],
  );
  const reset = useCallback(() => {
    setVisible([...defaults]);
    try {
      localStorage.removeItem(storageKey);
    } catch {
      // As above.
    }
  }, [storageKey, defaults]);
  return { visible, save, reset };
}

interface Props {
  choices: ColumnChoice[];
  visible: string[];
  onChange: (visible: string[]) => void;
  onReset: () => void;
}

/** A popover of check boxes, one per optional column, in table order. */
export function ColumnSettings({ choices, visible, onChange, onReset }: Props) {
  const t = useT(orgsMessages);
  const content = (
    <div className="column-settings">
      <Checkbox.Group
        value={visible}
        onChange={(v) => onChange(choices.map((c) => c.key).filter((k) => (v as string[]).includes(k)))}
      >
        <Space orientation="vertical" size={6}>
          {choices.map((c) => (
            <Checkbox key={c.key} value={c.key}>
              {c.label}
            </Checkbox>
          ))}
        </Space>
      </Checkbox.Group>
      <div className="column-settings-foot">
        <Button size="small" type="link" onClick={onReset}>
          {t('orgs.columnsReset')}
        </Button>
      </div>
    </div>
  );
  return (
    <Popover trigger="click" placement="bottomRight" title={t('orgs.columns')} content={content}>
      <Tooltip title={t('orgs.columns')}>
        <Button icon={<SettingOutlined />} aria-label={t('orgs.columns')} />
      </Tooltip>
    </Popover>
  );
}
