import { Segmented } from 'antd';
import { useLang, useT, type Lang } from '../i18n.js';

/** 中文 / EN: the same switch on the login page, the public pages and the app header. */
export function LangSwitch() {
  const { lang, setLang } = useLang();
  const t = useT();
  return (
    <Segmented
      size="small"
      value={lang}
      onChange={(v) => setLang(v as Lang)}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'EN', value: 'en' },
      ]}
      aria-label={t('layout.language')}
    />
  );
}
