import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';
import { LangSwitch } from '../../components/LangSwitch.js';
import { useT } from '../../i18n.js';
import { authMessages } from './auth.messages.js';

/** The sign-in and sign-up pages' frame: the language switch, a card under the app's brand, an optional footer. */
export function AuthCard({ className, footer, children }: { className?: string; footer?: ReactNode; children: ReactNode }) {
  const t = useT(authMessages);
  return (
    <div className="login-page">
      <div className="login-lang">
        <LangSwitch />
      </div>
      <Card className={className ? `login-card ${className}` : 'login-card'}>
        <div className="login-brand">
          <span className="app-brand-mark login-mark" lang="zh-CN" aria-hidden>
            社
          </span>
          <div>
            <Typography.Title level={3} className="login-title">
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
          </div>
        </div>
        {children}
      </Card>
      {footer}
    </div>
  );
}
