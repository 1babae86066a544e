import { useNavigate } from 'react-router-dom';
import { Button, Card, Result } from 'antd';
import { useT } from '../../i18n.js';
import { applicationsMessages } from './applications.messages.js';

/** An application that does not exist or is out of reach (the API answers 404 for both). */
export function NotFoundCard() {
  const t = useT(applicationsMessages);
  const navigate = useNavigate();
  return (
    <Card>
      <Result status="404" title={t('page.notFound')} extra={<Button type="primary" onClick={() => navigate('/applications')}>{t('page.back')}</Button>} />
    </Card>
  );
}
