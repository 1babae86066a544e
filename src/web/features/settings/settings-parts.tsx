import type { ReactNode } from 'react';
import { App, Button, Form, Space, Typography, type FormInstance, type FormRule as Rule } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
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


/**
 * An editable list of short values in a settings form (categories, activity types, declared kinds, reminder days):
 * one compact row per value with its remove button, a value given twice refused on the spot, the list's errors
 * once under it, and the add button beside the card's other actions.
 */
export function ListField<V extends string | number | undefined>({ form, name, wide, maxItems = 50, minItems = 0, newValue, rules, input, addLabel, removeLabel, duplicateMessage, actions, empty }: {
  form: FormInstance;
  name: string;
  wide?: boolean;
  maxItems?: number;
  minItems?: number;
  newValue: V;
  rules: Rule[];
  input: (index: number) => ReactNode;
  addLabel: string;
  removeLabel: (n: number) => string;
  duplicateMessage: string;
  actions?: ReactNode;
  empty?: ReactNode;
}) {
  const norm = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
  const unique: Rule = {
    validator: async (_r, v: V) => {
      const all = ((form.getFieldValue(name) as V[]) ?? []).map(norm);
      if (v !== undefined && v !== '' && all.filter((c) => c === norm(v)).length > 1) throw new Error(duplicateMessage);
    },
  };
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.length === 0 && empty}
          <div className={wide ? 'settings-categories settings-categories-wide' : 'settings-categories'}>
            {fields.map((field, i) => (
              <Space.Compact key={field.key} className="settings-category">
                <Form.Item name={field.name} noStyle rules={[...rules, unique]}>
                  {input(i)}
                </Form.Item>
                <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} disabled={fields.length <= minItems} aria-label={removeLabel(i + 1)} />
              </Space.Compact>
            ))}
          </div>
          <Form.Item noStyle shouldUpdate>
            {() => <Form.ErrorList errors={[...new Set(form.getFieldsError().filter((f) => f.name[0] === name).flatMap((f) => f.errors))]} />}
          </Form.Item>
          <Space wrap className="settings-actions">
            <Button icon={<PlusOutlined />} onClick={() => add(newValue)} disabled={fields.length >= maxItems}>
              {addLabel}
            </Button>
            {actions}
          </Space>
        </>
      )}
    </Form.List>
  );
}
