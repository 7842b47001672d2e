// 新建年审申报: the employer's online declaration in four steps — the unit, the disabled employees (typed or imported),
// the commitment letter, a last look — sent once with an Idempotency-Key; every refusal shown where it belongs.
import { Alert, Button, Card, Form, Space, Steps, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { STEP_EMPLOYEES, STEP_UNIT } from '../../../components/filing/declaration-errors.ts';
import { EmployeesStep } from '../../../components/filing/EmployeesStep.tsx';
import { EmployerForm } from '../../../components/filing/EmployerForm.tsx';
import { FilingYearChoice } from '../../../components/filing/FilingYearChoice.tsx';
import { LastYearStart } from '../../../components/filing/LastYearStart.tsx';
import { PrefillNotice } from '../../../components/filing/PrefillNotice.tsx';
import { RefusalAlert } from '../../../components/filing/RefusalAlert.tsx';
import { STATUS_NAMES } from '../../../lib/filing-types.ts';
import { CommitmentStep } from './CommitmentStep.tsx';
import { ConfirmStep } from './ConfirmStep.tsx';
import { SeasonNotice } from './SeasonNotice.tsx';
import { countsDispatchedHere } from '../../../components/filing/dispatch-agreements.ts';
import { STEP_COMMITMENT, STEP_CONFIRM, useNewFilingWizard } from './use-new-filing-wizard.ts';

const STEP_TITLES = ['单位信息', '残疾职工', '承诺书', '确认提交'];

export function NewFilingPage() {
  const { wizard, commitmentForm, prefill, signedAt, existing, lastYear } = useNewFilingWizard();
  const { season, year, step, setStep, employerForm, openYears } = wizard;
  const unitName = Form.useWatch('name', employerForm) as string | undefined;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>新建年审申报</Typography.Title>
        <Space>
          <Typography.Text>申报年度：</Typography.Text>
          <FilingYearChoice year={year} openYears={openYears} onChange={wizard.setChosenYear} testId="filing-year" />
        </Space>
      </Space>
      {season && <SeasonNotice season={season} />}
      {existing && (
        <Alert type="info" showIcon data-testid="existing-filing" title={`本单位 ${year} 年度已有申报（${STATUS_NAMES[existing.status] ?? existing.status}），一个年度只能申报一次`}
          action={<Link to={`/portal/filings/${existing.id}`}>查看该申报</Link>} />
      )}
      {wizard.refusal && <RefusalAlert refusal={wizard.refusal} onClose={() => wizard.setRefusal(null)} testId="submit-errors" />}
      <Card>
        <Steps
          current={step}
          onChange={(target) => target < step && setStep(target)}
          items={wizard.stepItems(STEP_TITLES)}
          style={{ marginBottom: 24 }}
          data-testid="wizard-steps"
        />
        <div hidden={step !== STEP_UNIT}>
          <LastYearStart draft={lastYear} startedFrom={wizard.startedFrom} onStart={(draft) => wizard.startFromLastYear(draft, true)}
            numbers="；证件号码和电话只显示部分号码，未修改时沿用上年度的号码" />
          {!wizard.startedFrom && <PrefillNotice prefill={prefill} unit="本单位" check="请核对" retype="并更新；证件号码和电话请重新填写" />}
          <EmployerForm form={employerForm} year={year} usccLocked kept={wizard.employerKept} />
        </div>
        <div hidden={step !== STEP_EMPLOYEES}>
          <EmployeesStep wizard={wizard} />
        </div>
        <div hidden={step !== STEP_COMMITMENT}>
          <CommitmentStep form={commitmentForm} year={year} unitName={unitName} signedAt={signedAt} dispatchAgreement={countsDispatchedHere(wizard.rows.map((r) => r.values))} />
        </div>
        {step === STEP_CONFIRM && <ConfirmStep filing={wizard.declaration()} />}
        <Space style={{ marginTop: 24 }} wrap>
          {step > STEP_UNIT && <Button onClick={() => setStep(step - 1)} data-testid="wizard-back">上一步</Button>}
          {step < STEP_CONFIRM && <Button type="primary" onClick={wizard.next} data-testid="wizard-next">下一步</Button>}
          {step === STEP_CONFIRM && (
            <Button type="primary" loading={wizard.submitting} onClick={wizard.submit} data-testid="submit-filing" disabled={season !== null && !season.acceptingFilings}>
              提交申报
            </Button>
          )}
        </Space>
      </Card>
    </Space>
  );
}
