import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result, Typography } from 'antd';
import { translate, currentLang, type MsgKey } from '../i18n.js';

interface Props {
  children: ReactNode;
  /** When this changes (e.g. the path), a page that failed gets another chance. */
  resetKey?: string;
}

interface State {
  error: Error | null;
  resetKey?: string;
}

/** Catches a page's rendering error so the menu and header stay usable, and offers a reload. */
export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { error: null, resetKey: props.resetKey };
    return null;
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('page error', error, info.componentStack);
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    // A class component cannot use hooks; the language is read once here.
    const t = (key: MsgKey) => translate(currentLang(), key);
    // A stale tab asking for a bundle chunk that a new release replaced: reloading fetches the new one.
    const staleBundle = /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(error.message);
    return (
      <Result
        status="error"
        title={staleBundle ? t('error.staleBundle') : t('error.title')}
        subTitle={staleBundle ? t('error.staleBundleHint') : t('error.hint')}
        extra={[
          <Button key="reload" type="primary" onClick={() => window.location.reload()}>
            {t('error.reload')}
          </Button>,
          <Button key="home" onClick={() => window.location.assign('/')}>
            {t('error.home')}
          </Button>,
        ]}
      >
        <Typography.Paragraph type="secondary" className="error-detail">
          {error.message}
        </Typography.Paragraph>
      </Result>
    );
  }
}
