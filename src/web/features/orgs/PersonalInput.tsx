import { Button, Input, Space, Typography } from 'antd';
import { useT } from '../../i18n.js';
import { orgsMessages } from './orgs.messages.js';

interface Props {
  id?: string;
  /** undefined = keep what is stored, a string = replace it, null = clear it. */
  value?: string | null;
  onChange?: (value: string | null | undefined) => void;
  /** The stored value as the server shows it (masked); null when nothing is stored. */
  current: string | null;
  placeholder?: string;
  maxLength?: number;
  inputMode?: 'tel' | 'text';
}

/**
 * A personal field (ID number, phone) on the edit form. The record only ever arrives masked, so the field
 * starts empty: leaving it empty keeps the stored value, typing replaces it, "清空" removes it.
 */
export function PersonalInput({ id, value, onChange, current, placeholder, maxLength, inputMode }: Props) {
  const t = useT(orgsMessages);
  if (value === null) {
    return (
      <Space className="personal-input-cleared">
        <Typography.Text type="warning">{t('orgs.personalCleared')}</Typography.Text>
        <Button size="small" type="link" onClick={() => onChange?.(undefined)}>
          {t('orgs.undo')}
        </Button>
      </Space>
    );
  }
  return (
    <div>
      <Input
        id={id}
        value={value ?? ''}
        onChange={(e) => onChange?.(e.target.value === '' ? undefined : e.target.value)}
        placeholder={current ?? placeholder}
        maxLength={maxLength}
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
        allowClear
      />
      {current && (
        <div className="personal-input-note">
          <Typography.Text type="secondary">{t('orgs.personalKeep', { value: current })}</Typography.Text>
          {!value && (
            <Button size="small" type="link" danger onClick={() => onChange?.(null)}>
              {t('orgs.personalClear')}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
