import { App, Button, Typography } from 'antd';
import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { useT } from '../../i18n.js';
import { formatDateTime } from '../../lib/format.js';
import type { SettingKey, SettingsResponse } from './settings.api.js';
import { settingsMessages } from './settings.messages.js';

// The pieces every settings card shares (SettingsPage.tsx, SupervisionSettingsCards.tsx).

/** A server field `value.a.b` as the form's path `[...prefix, a, b]` (the shared feedback puts it there). */
export const settingPath = (prefix: (string | number)[]) => (k: string) => [...prefix, ...k.replace(/^value\.?/, '').split('.').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p))];

export function itemOf<T>(data: SettingsResponse, key: SettingKey) {
  const item = data.items.find((i) => i.key === key)!;
  return { ...item, value: item.value as T, defaultValue: item.defaultValue as T };
}

export function Stamp({ item }: { item: { isDefault: boolean; updatedAt: string | null; updatedBy: string | null } }) {
  const st = useT(settingsMessages);
  return (
    <Typography.Text type="secondary" className="settings-stamp">
      {item.isDefault || !item.updatedAt ? st('isDefault') : st('updated', { who: item.updatedBy ?? '', at: formatDateTime(item.updatedAt, false) })}
    </Typography.Text>
  );
}

export function SaveButton({ saving }: { saving: boolean }) {
  const st = useT(settingsMessages);
  return (
    <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
      {st('save')}
    </Button>
  );
}

/** Puts the defaults in the form after a confirm; like any edit, they apply once saved. */
export function RestoreDefaultsButton({ onRestore }: { onRestore: () => void }) {
  const st = useT(settingsMessages);
  const { modal } = App.useApp();
  return (
    <Button icon={<UndoOutlined />} onClick={() => modal.confirm({ title: st('resetConfirm'), onOk: onRestore })}>
      {st('reset')}
    </Button>
  );
}

