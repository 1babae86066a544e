import { App, Form, Input, Modal, Typography } from 'antd';
import { useT } from '../../i18n.js';
import { useCreateGrid, type RegionDetail } from './regions.api.js';
import { regionsMessages } from './regions.messages.js';
import { useFormFeedback } from '../../lib/form-feedback.js';

/** Creates a grid (网格) under a community or village; the server numbers it. */
export function GridCreateModal({ region, open, onClose }: { region: RegionDetail; open: boolean; onClose: () => void }) {
  const t = useT(regionsMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const feedback = useFormFeedback(form, { name: 'gridCreate' });
  const create = useCreateGrid(region.code);

  const close = () => {
    form.resetFields();
    onClose();
  };

  const submit = async () => {
    const values = await feedback.validate();
    if (!values) return;
    const { name } = values;
    create.mutate(name.trim(), {
      onSuccess: (grid) => {
        message.success(t('region.gridCreated', { name: grid.name }));
        close();
      },
      onError: (err) => void feedback.showServerError(err),
    });
  };

  return (
    <Modal
      open={open}
      title={`${t('region.newGrid')} · ${region.name}`}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={close}
      confirmLoading={create.isPending}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('region.gridUnder', { name: region.name })}</Typography.Paragraph>
      <Form {...feedback.formProps} layout="vertical" onFinish={submit}>
        <Form.Item
          name="name"
          label={t('region.gridName')}
          rules={[
            { required: true, whitespace: true, message: t('region.gridNameRequired') },
            {
              validator: async (_r, v: string | undefined) => {
                const n = v?.trim().length ?? 0;
                if (n > 0 && (n < 2 || n > 50)) throw new Error(t('region.gridNameLength'));
              },
            },
          ]}
        >
          <Input placeholder={t('region.gridNamePlaceholder')} maxLength={50} showCount autoFocus />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
