import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n.js';

export default function NotFound() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('notFound.hint')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('error.home')}
        </Button>
      }
    />
  );
}
