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
        // The language's own name, marked as Chinese (a screen reader reads it so; it is not untranslated text).
        { label: <span lang="zh-CN" title="中文">中文</span>, value: 'zh' },
        { label: 'EN', value: 'en' },
      ]}
      aria-label={t('layout.language')}
    />
  );
}
