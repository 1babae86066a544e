import { Button, Result } from 'antd';
import { errorMessage } from '../api/client.js';
import { useT } from '../i18n.js';

/** What a page shows when its data failed to load: the reason and a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useT();
  return (
    <Result
      status="error"
      title={t('common.loadFailed')}
      subTitle={errorMessage(error)}
      extra={<Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}
