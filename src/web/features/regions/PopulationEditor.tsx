import { App, Button, Form, InputNumber, Popconfirm, Space } from 'antd';
import { useT } from '../../i18n.js';
import { useSetPopulation, type RegionDetail } from './regions.api.js';
import { regionsMessages } from './regions.messages.js';
import { useFormFeedback } from '../../lib/form-feedback.js';

// Same bound as the server's PopulationBody (src/shared/schemas/regions.ts).
const MAX_POPULATION = 200_000_000;

const withCommas = (v: string | number | undefined) => (v === undefined || v === '' ? '' : String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ','));
const withoutCommas = (v: string | undefined) => (v ?? '').replace(/[,，\s]/g, '');

/** Enters the resident population (常住人口) of one node; every change goes to the audit log on the server. */
export function PopulationEditor({ region }: { region: RegionDetail }) {
  const t = useT(regionsMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ population: number | null }>();
  const feedback = useFormFeedback(form, { name: 'population' });
  const value = Form.useWatch('population', form);
  const save = useSetPopulation(region.code);

  const submit = (population: number | null) => {
    save.mutate(population, {
      onSuccess: () =>
        message.success(t(population === null ? 'region.populationCleared' : 'region.populationSaved', { name: region.name })),
      onError: (err) => void feedback.showServerError(err),
    });
  };

  const unchanged = value === region.population || (value == null && region.population === null);

  return (
    <Form
      // A fresh form whenever the stored figure changes, so the box always starts from what is saved.
      key={`${region.code}:${region.population ?? ''}`}
      {...feedback.formProps}
      layout="inline"
      className="population-form no-print"
      // One field beside its button: no mark needed.
      requiredMark={false}
      initialValues={{ population: region.population }}
      onFinish={(v) => submit(v.population)}
    >
      <Form.Item
        name="population"
        label={t('region.editPopulation')}
        rules={[
          { required: true, message: t('region.populationRequired') },
          {
            validator: async (_r, v: number | null | undefined) => {
              if (v === null || v === undefined) return;
              if (!Number.isInteger(v) || v < 0) throw new Error(t('region.populationInteger'));
              if (v > MAX_POPULATION) throw new Error(t('region.populationTooLarge'));
            },
          },
        ]}
      >
        <InputNumber<number>
          placeholder={t('region.populationPlaceholder')}
          style={{ width: 170 }}
          formatter={withCommas}
          parser={(v) => {
            const digits = withoutCommas(v);
            return (digits === '' ? null : Number(digits)) as number;
          }}
          step={100}
          suffix={t('region.people')}
          inputMode="numeric"
        />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending && save.variables !== null} disabled={unchanged}>
            {t('common.save')}
          </Button>
          {region.population !== null && (
            <Popconfirm
              title={t('region.clearConfirm', { name: region.name })}
              description={t('region.clearConfirmHint')}
              okText={t('region.clear')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => submit(null)}
            >
              <Button danger loading={save.isPending && save.variables === null}>
                {t('region.clear')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Form.Item>
    </Form>
  );
}
