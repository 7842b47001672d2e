// The window wizard's buttons: back, next, submit at the materials check; once filed, open it or take the next one.
import { Button, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import { STEP_UNIT } from '../../../components/filing/declaration-errors.ts';
import type { CreatedFiling, DeclarationWizard } from '../../../components/filing/use-declaration-wizard.ts';
import { STEP_INTAKE, STEP_SCANS } from './use-intake-wizard.ts';

export function IntakeButtons({ wizard, created, onRestart }: { wizard: DeclarationWizard; created: CreatedFiling | null; onRestart: () => void }) {
  const navigate = useNavigate();
  const { step, setStep, season } = wizard;
  return (
    <Space style={{ marginTop: 24 }} wrap>
      {step > STEP_UNIT && step < STEP_SCANS && (
        <Button onClick={() => setStep(step - 1)} data-testid="intake-back">
          上一步
        </Button>
      )}
      {step < STEP_INTAKE && (
        <Button type="primary" onClick={wizard.next} data-testid="intake-next">
          下一步
        </Button>
      )}
      {step === STEP_INTAKE && (
        <Button type="primary" loading={wizard.submitting} onClick={wizard.submit} data-testid="intake-submit" disabled={season !== null && !season.acceptingFilings}>
          提交申报
        </Button>
      )}
      {created && (
        <>
          <Button type="primary" onClick={() => navigate(`/workbench/filings/${created.id}`)} data-testid="intake-open-filing">
            查看申报详情
          </Button>
          <Button onClick={onRestart}>受理下一份申报</Button>
        </>
      )}
    </Space>
  );
}
