// 窗口代为申报: a window clerk files on a unit's behalf from its paper materials — the unit (prefilled from the
// register and its last declaration), the disabled employees (typed or imported from the template), the materials
// check and the signed commitment — then scans the paper onto the filing. The same checks as the portal's wizard.
import { Alert, Card, Result, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { STEP_EMPLOYEES, STEP_UNIT } from '../../../components/filing/declaration-errors.ts';
import { EmployeesStep } from '../../../components/filing/EmployeesStep.tsx';
import { EmployerForm } from '../../../components/filing/EmployerForm.tsx';
import { FilingYearChoice } from '../../../components/filing/FilingYearChoice.tsx';
import { LastYearStart } from '../../../components/filing/LastYearStart.tsx';
import { PrefillNotice } from '../../../components/filing/PrefillNotice.tsx';
import { RefusalAlert } from '../../../components/filing/RefusalAlert.tsx';
import { STATUS_NAMES } from '../../../lib/filing-types.ts';
import { useSession } from '../../../lib/session.tsx';
import { regionLabel } from '../region-label.ts';
import { IntakeButtons } from './IntakeButtons.tsx';
import { IntakeCheckForm } from './IntakeCheckForm.tsx';
import { IntakeScans } from './IntakeScans.tsx';
import { countsDispatchedHere } from '../../../components/filing/dispatch-agreements.ts';
import { toEmployee } from '../../../components/filing/employee-rows.ts';
import { STEP_INTAKE, STEP_SCANS, useIntakeWizard } from './use-intake-wizard.ts';

const STEP_TITLES = ['单位信息', '残疾职工', '材料核对与承诺', '上传扫描件'];

/** Only window clerks file on a unit's behalf (the server refuses anyone else); a finished intake starts afresh. */
export function IntakePage() {
  const { who } = useSession();
  const [round, setRound] = useState(0);
  if (who?.role !== 'clerk') {
    return <Result status="403" title="窗口代为申报仅限窗口人员办理" subTitle="如需代单位申报，请由受理窗口的工作人员登录办理。" />;
  }
  return <IntakeWizard key={round} onRestart={() => setRound((r) => r + 1)} />;
}

function IntakeWizard({ onRestart }: { onRestart: () => void }) {
  const { who } = useSession();
  const { wizard, checkForm, created, prefill, lastYear } = useIntakeWizard();
  const { season, year, step, setStep, employerForm, openYears, rows } = wizard;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          窗口代为申报
        </Typography.Title>
        <Space wrap>
          <Typography.Text type="secondary">收件窗口：{regionLabel(who?.regionCode)}</Typography.Text>
          <Typography.Text>申报年度：</Typography.Text>
          <FilingYearChoice year={year} openYears={created ? null : openYears} onChange={wizard.setChosenYear} testId="intake-year" />
        </Space>
      </Space>
      {season && !season.acceptingFilings && <Alert type="warning" showIcon title="当前不在年审认证期，暂不能提交申报" />}
      {prefill?.existing && !created && (
        <Alert
          type="warning"
          showIcon
          data-testid="intake-existing"
          title={`该单位 ${year} 年度已有申报（${STATUS_NAMES[prefill.existing.status] ?? prefill.existing.status}），一个年度只能申报一次`}
          action={<Link to={`/workbench/filings/${prefill.existing.id}`}>查看该申报</Link>}
        />
      )}
      {wizard.refusal && <RefusalAlert refusal={wizard.refusal} onClose={() => wizard.setRefusal(null)} testId="intake-errors" />}
      <Card>
        <Steps
          current={step}
          onChange={(target) => !created && target < step && setStep(target)}
          items={wizard.stepItems(STEP_TITLES)}
          style={{ marginBottom: 24 }}
          data-testid="intake-steps"
        />
        <div hidden={step !== STEP_UNIT}>
          {!created && (
            <LastYearStart draft={lastYear} startedFrom={wizard.startedFrom} onStart={(draft) => wizard.startFromLastYear(draft, false)}
              numbers="；证件号码和电话不导入，请对照纸质材料填写" />
          )}
          <PrefillNotice prefill={prefill} unit="该单位" check="请对照纸质材料核对" />
          <EmployerForm form={employerForm} year={year} usccLocked={created !== null} />
        </div>
        <div hidden={step !== STEP_EMPLOYEES}>
          <EmployeesStep wizard={wizard} />
        </div>
        <div hidden={step !== STEP_INTAKE}>
          <IntakeCheckForm form={checkForm} year={year} dispatchAgreement={countsDispatchedHere(rows.map((r) => r.values))} />
        </div>
        {step === STEP_SCANS && created && <IntakeScans created={created} employees={rows.map((r) => toEmployee(r.values))} />}
        <IntakeButtons wizard={wizard} created={created} onRestart={onRestart} />
      </Card>
    </Space>
  );
}
