// 窗口代为申报: a window clerk files on a unit's behalf from its paper materials — the unit (prefilled from the
// register and its last declaration), the disabled employees (typed or imported from the template), the materials
// check and the signed commitment — then scans the paper onto the filing. The same checks as the portal's wizard.
import { Alert, App, Button, Card, Form, Result, Select, Space, Steps, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { commitmentMaterials } from '../../../components/filing/commitment-fields.tsx';
import { STEP_EMPLOYEES, STEP_UNIT } from '../../../components/filing/declaration-errors.ts';
import { DocumentList } from '../../../components/filing/DocumentList.tsx';
import { EmployeesStep } from '../../../components/filing/EmployeesStep.tsx';
import { EmployerForm } from '../../../components/filing/EmployerForm.tsx';
import { PrefillNotice } from '../../../components/filing/PrefillNotice.tsx';
import { RefusalAlert } from '../../../components/filing/RefusalAlert.tsx';
import { useDeclarationWizard, type CreatedFiling } from '../../../components/filing/use-declaration-wizard.ts';
import { STATUS_NAMES, statusName } from '../../../lib/filing-types.ts';
import { useSession } from '../../../lib/session.tsx';
import { regionLabel } from '../region-label.ts';
import { IntakeCheckForm, intakeCheckRoute, type IntakeCheckValues } from './IntakeCheckForm.tsx';
import { useUnitPrefill } from './use-unit-prefill.ts';

const STEP_TITLES = ['单位信息', '残疾职工', '材料核对与承诺', '上传扫描件'];
const STEP_INTAKE = 2;
const STEP_SCANS = 3;
const INTAKE_ROUTE = intakeCheckRoute(STEP_INTAKE);

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
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [checkForm] = Form.useForm<IntakeCheckValues>();
  const [created, setCreated] = useState<CreatedFiling | null>(null);
  const wizard = useDeclarationWizard({
    extraForm: checkForm,
    extraRoute: INTAKE_ROUTE,
    signer: { field: ['commitment', 'signer'], from: 'legalRepName' },
    // The materials check shares its step with the submit button.
    checkExtraOnSubmit: true,
    partsOf: () => {
      const v = checkForm.getFieldsValue(true) as IntakeCheckValues;
      const complete = v.windowIntake?.materialsComplete;
      return {
        channel: 'window',
        ...(who?.regionCode ? { receivingRegionCode: who.regionCode } : {}),
        windowIntake: {
          materialsComplete: complete === true,
          ...(complete === false ? { missingMaterials: (v.windowIntake.missingMaterials ?? '').trim() } : {}),
        },
        commitment: {
          signer: (v.commitment?.signer ?? '').trim(),
          signedAt: v.commitment?.signedAt ? v.commitment.signedAt.format('YYYY-MM-DD') : '',
          accepted: v.commitment?.accepted === true,
          ...(v.commitment?.materials?.length ? { materials: v.commitment.materials } : {}),
        },
      };
    },
    onCreated: (answer) => {
      setCreated(answer);
      wizard.setStep(STEP_SCANS);
      message.success('申报已提交，请上传纸质材料的扫描件');
      window.scrollTo({ top: 0 });
    },
    refusalOf: (error) => ({ title: error.title, messages: error.errors.filter((e) => e.message !== error.title).map((e) => e.message) }),
  });
  const { season, year, step, setStep, employerForm, openYears, rows } = wizard;
  const uscc = Form.useWatch('uscc', employerForm) as string | undefined;
  const prefill = useUnitPrefill(uscc, year);

  // Fill only what the clerk has not typed yet.
  useEffect(() => {
    if (!prefill) return;
    const current = employerForm.getFieldsValue(true) as Record<string, unknown>;
    const blanks = Object.fromEntries(Object.entries(prefill.values).filter(([k]) => current[k] === undefined || current[k] === null || current[k] === ''));
    employerForm.setFieldsValue(blanks);
  }, [prefill, employerForm]);

  useEffect(() => {
    checkForm.setFieldsValue({ commitment: { materials: commitmentMaterials(year), signedAt: dayjs() } });
  }, [year, checkForm]);

  const names = rows.map((r) => String(r.values.name ?? ''));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          窗口代为申报
        </Typography.Title>
        <Space wrap>
          <Typography.Text type="secondary">收件窗口：{regionLabel(who?.regionCode)}</Typography.Text>
          <Typography.Text>申报年度：</Typography.Text>
          {openYears && !created ? (
            <Select value={year} onChange={wizard.setChosenYear} options={openYears.map((y) => ({ value: y, label: `${y} 年` }))} style={{ width: 110 }} data-testid="intake-year" />
          ) : (
            <Typography.Text strong data-testid="intake-year">
              {year} 年
            </Typography.Text>
          )}
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
          <PrefillNotice prefill={prefill} unit="该单位" check="请对照纸质材料核对" />
          <EmployerForm form={employerForm} year={year} usccLocked={created !== null} />
        </div>
        <div hidden={step !== STEP_EMPLOYEES}>
          <EmployeesStep wizard={wizard} />
        </div>
        <div hidden={step !== STEP_INTAKE}>
          <IntakeCheckForm form={checkForm} year={year} />
        </div>
        {step === STEP_SCANS && created && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Result
              status="success"
              style={{ padding: 16 }}
              title={created.status === 'accepted' ? '申报已当场受理' : '申报已登记，待补正材料后受理'}
              subTitle={`当前状态：${statusName(created.status, 'window')}。请扫描单位提交的纸质材料并上传，供审核时查阅。`}
            />
            <DocumentList filingId={created.id} uploadKind="scan" employeeNames={names} />
          </Space>
        )}
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
      </Card>
    </Space>
  );
}
