// 窗口代为申报: a window clerk files on a unit's behalf from its paper materials — the unit (prefilled from the
// register and its last declaration), the disabled employees (typed or imported from the template), the materials
// check and the signed commitment — then scans the paper onto the filing. The same checks as the portal's wizard.
import { Alert, App, Button, Card, Form, Result, Select, Space, Steps, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Filing } from '../../../../../domain/filing/filing.ts';
import { filingIssues } from '../../../components/filing/declaration-checks.ts';
import { DocumentList } from '../../../components/filing/DocumentList.tsx';
import { EmployeeImport } from '../../../components/filing/EmployeeImport.tsx';
import { cleanEmployer, EmployerForm } from '../../../components/filing/EmployerForm.tsx';
import { EmployeeTable, tableProblems } from '../../../components/filing/EmployeeTable.tsx';
import { newRow, rowsFrom, toEmployee, type EmployeeRow } from '../../../components/filing/employee-rows.ts';
import { api, ApiError, type FieldError } from '../../../lib/api.ts';
import { STATUS_NAMES, type FilingStatus } from '../../../lib/filing-types.ts';
import { useSession } from '../../../lib/session.tsx';
import { commitmentMaterials } from '../../portal/new-filing/CommitmentStep.tsx';
import { useFilingSeason } from '../../portal/new-filing/use-filing-season.ts';
import { regionLabel } from '../region-label.ts';
import { routeIntakeErrors, STEP_EMPLOYEES, STEP_INTAKE, STEP_UNIT } from './intake-errors.ts';
import { IntakeCheckForm, type IntakeCheckValues } from './IntakeCheckForm.tsx';
import { useUnitPrefill } from './use-unit-prefill.ts';

const STEP_TITLES = ['单位信息', '残疾职工', '材料核对与承诺', '上传扫描件'];
const STEP_SCANS = 3;

interface Created {
  id: string;
  status: FilingStatus;
}

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
  const season = useFilingSeason();
  const [employerForm] = Form.useForm();
  const [checkForm] = Form.useForm<IntakeCheckValues>();
  const [chosenYear, setChosenYear] = useState<number | null>(null);
  const [step, setStep] = useState(STEP_UNIT);
  const [rows, setRows] = useState<EmployeeRow[]>(() => [newRow()]);
  const [showAll, setShowAll] = useState(false);
  const [listError, setListError] = useState<string>();
  const [errorSteps, setErrorSteps] = useState<number[]>([]);
  const [refusal, setRefusal] = useState<{ title: string; messages: string[] } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  // One key per paper declaration: a double click or a retried request files once.
  const idempotencyKey = useRef(crypto.randomUUID());
  const year = chosenYear ?? season?.status.reviewYear ?? dayjs().year() - 1;
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

  const declaration = (): Filing => {
    const v = checkForm.getFieldsValue(true) as IntakeCheckValues;
    const complete = v.windowIntake?.materialsComplete;
    return {
      year,
      channel: 'window',
      ...(who?.regionCode ? { receivingRegionCode: who.regionCode } : {}),
      windowIntake: {
        materialsComplete: complete === true,
        ...(complete === false ? { missingMaterials: (v.windowIntake.missingMaterials ?? '').trim() } : {}),
      },
      employer: cleanEmployer(employerForm.getFieldsValue(true) as Record<string, unknown>) as Filing['employer'],
      employees: rows.map((r) => toEmployee(r.values)),
      commitment: {
        signer: (v.commitment?.signer ?? '').trim(),
        signedAt: v.commitment?.signedAt ? v.commitment.signedAt.format('YYYY-MM-DD') : '',
        accepted: v.commitment?.accepted === true,
        ...(v.commitment?.materials?.length ? { materials: v.commitment.materials } : {}),
      },
    };
  };

  const showRefusal = (errors: readonly FieldError[], title: string) => {
    const routed = routeIntakeErrors(errors, rows);
    employerForm.setFields(routed.employer);
    checkForm.setFields(routed.intake as Parameters<typeof checkForm.setFields>[0]);
    setRows(routed.rows);
    setListError(routed.listError);
    setShowAll(true);
    setErrorSteps(routed.steps);
    setRefusal({ title, messages: errors.map((e) => e.message) });
    const first = routed.steps[0];
    if (first !== undefined) setStep(first);
    window.scrollTo({ top: 0 });
  };

  const stepIsValid = async (current: number): Promise<boolean> => {
    if (current === STEP_UNIT) return employerForm.validateFields().then(() => true, () => false);
    if (current === STEP_EMPLOYEES) {
      setShowAll(true);
      if (rows.length === 0) {
        setListError('请至少填写一名残疾职工');
        return false;
      }
      setListError(undefined);
      if (tableProblems(rows, year, true).length > 0) {
        message.error('残疾职工名单中还有需要修改的地方，请按表格上方的提示修改');
        return false;
      }
    }
    return true;
  };

  const next = async () => {
    if (!(await stepIsValid(step))) return;
    setErrorSteps((s) => s.filter((n) => n !== step));
    if (step === STEP_EMPLOYEES && !checkForm.getFieldValue(['commitment', 'signer'])) {
      checkForm.setFieldValue(['commitment', 'signer'], employerForm.getFieldValue('legalRepName'));
    }
    setStep(step + 1);
    window.scrollTo({ top: 0 });
  };

  const submit = async () => {
    if (!(await checkForm.validateFields().then(() => true, () => false))) return;
    const body = declaration();
    const issues = filingIssues(body, { from: year, to: year });
    if (issues.length > 0) {
      showRefusal(issues, '申报内容还有需要修改的地方');
      return;
    }
    setSubmitting(true);
    setRefusal(null);
    try {
      const answer = await api<Created>('POST', '/api/filings', body, { 'Idempotency-Key': idempotencyKey.current });
      setCreated(answer);
      setStep(STEP_SCANS);
      message.success('申报已提交，请上传纸质材料的扫描件');
      window.scrollTo({ top: 0 });
    } catch (error) {
      if (!(error instanceof ApiError)) setRefusal({ title: '提交失败，请检查网络后重试', messages: [] });
      else if (error.status === 400) showRefusal(error.errors, '提交未成功：请按提示修改标红的内容');
      else {
        if (error.body.code === 'IDEMPOTENCY_KEY_REUSED') idempotencyKey.current = crypto.randomUUID();
        setRefusal({ title: error.title, messages: error.errors.filter((e) => e.message !== error.title).map((e) => e.message) });
      }
    } finally {
      setSubmitting(false);
    }
  };

  const openYears = season?.openForTraining ? Array.from({ length: season.status.certificationYear - 2015 + 1 }, (_, i) => season.status.certificationYear - i) : null;
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
            <Select value={year} onChange={setChosenYear} options={openYears.map((y) => ({ value: y, label: `${y} 年` }))} style={{ width: 110 }} data-testid="intake-year" />
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
      {refusal && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setRefusal(null) }}
          data-testid="intake-errors"
          title={refusal.title}
          description={
            refusal.messages.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {refusal.messages.slice(0, 15).map((m, i) => (
                  <li key={i}>{m}</li>
                ))}
                {refusal.messages.length > 15 && <li>……另有 {refusal.messages.length - 15} 处</li>}
              </ul>
            )
          }
        />
      )}
      <Card>
        <Steps
          current={step}
          onChange={(target) => !created && target < step && setStep(target)}
          items={STEP_TITLES.map((title, i) => ({ title, ...(errorSteps.includes(i) && i !== step ? { status: 'error' as const } : {}) }))}
          style={{ marginBottom: 24 }}
          data-testid="intake-steps"
        />
        <div hidden={step !== STEP_UNIT}>
          {prefill && prefill.sources.length > 0 && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={prefill.sources.includes('register') ? '已根据单位登记信息预填，请对照纸质材料核对' : `已根据该单位 ${prefill.lastYear} 年度的申报预填，请对照纸质材料核对`}
            />
          )}
          <EmployerForm form={employerForm} year={year} usccLocked={created !== null} />
        </div>
        <div hidden={step !== STEP_EMPLOYEES}>
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <EmployeeImport
              year={year}
              hasRows={rows.some((r) => Object.keys(r.values).length > 0)}
              onImported={(employees, mode) =>
                setRows((current) => {
                  const kept = current.filter((r) => Object.keys(r.values).length > 0);
                  return mode === 'append' ? [...kept, ...rowsFrom(employees)] : rowsFrom(employees);
                })
              }
            />
            <EmployeeTable rows={rows} onChange={setRows} year={year} showAll={showAll} listError={listError} />
          </Space>
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
              subTitle={`当前状态：${STATUS_NAMES[created.status] ?? created.status}。请扫描单位提交的纸质材料并上传，供审核时查阅。`}
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
            <Button type="primary" onClick={next} data-testid="intake-next">
              下一步
            </Button>
          )}
          {step === STEP_INTAKE && (
            <Button type="primary" loading={submitting} onClick={submit} data-testid="intake-submit" disabled={season !== null && !season.acceptingFilings}>
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
