import { Card, Steps, Typography } from 'antd';
import { useT } from '../../../i18n.js';
import { useIsMobile } from '../../../lib/hooks.js';
import { applicationsMessages } from '../applications.messages.js';
import { STEP_TITLES, type StepKey } from './wizard-form.js';

/** The wizard's steps, a step with a problem marked; on a phone the current step's name and dots. */
export function WizardStepsBar({ steps, step, errors, onGo }: { steps: StepKey[]; step: StepKey; errors: Set<StepKey>; onGo: (step: StepKey) => void }) {
  const t = useT(applicationsMessages);
  const isMobile = useIsMobile();
  const i = steps.indexOf(step);
  return (
    <Card className="wizard-steps-card">
      {isMobile ? (
        <div className="wizard-phone-steps">
          <Typography.Text strong>
            {i + 1}/{steps.length} · {t(STEP_TITLES[step])}
          </Typography.Text>
          <Steps size="small" current={i} progressDot items={steps.map((s) => ({ key: s, status: errors.has(s) ? 'error' : undefined }))} responsive={false} onChange={(n) => onGo(steps[n])} />
        </div>
      ) : (
        <Steps
          current={i}
          onChange={(n) => onGo(steps[n])}
          items={steps.map((s) => ({ key: s, title: t(STEP_TITLES[s]), status: errors.has(s) ? 'error' : undefined }))}
        />
      )}
    </Card>
  );
}
