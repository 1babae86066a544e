import { Alert, Button } from 'antd';

/** Someone else saved the record while this form was open: say so and offer to load their version. */
export function ConflictAlert({ title, hint, reloadLabel, onReload }: { title: string; hint: string; reloadLabel: string; onReload: () => void }) {
  return (
    <Alert
      className="page-alert"
      type="error"
      showIcon
      role="alert"
      title={title}
      description={hint}
      action={
        <Button danger onClick={onReload}>
          {reloadLabel}
        </Button>
      }
    />
  );
}
