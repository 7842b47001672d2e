// 新建年审申报: the employer's online declaration in four steps — the unit, the disabled employees (typed or imported),
// the commitment letter, a last look — sent once with an Idempotency-Key; every refusal shown where it belongs.
import { Alert, App, Button, Card, Form, Select, Space, Steps, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Filing } from '../../../../../domain/filing/filing.ts';
import { filingIssues } from '../../../components/filing/declaration-checks.ts';
import { EmployeeImport } from '../../../components/filing/EmployeeImport.tsx';
import { cleanEmployer, EmployerForm } from '../../../components/filing/EmployerForm.tsx';
import { EmployeeTable, tableProblems } from '../../../components/filing/EmployeeTable.tsx';
import { newRow, rowsFrom, toEmployee, type EmployeeRow } from '../../../components/filing/employee-rows.ts';
import { ApiError, api, type FieldError } from '../../../lib/api.ts';
import { STATUS_NAMES, type FilingListItem } from '../../../lib/filing-types.ts';
import { chineseDate } from '../../../lib/format.ts';
import { useSession } from '../../../lib/session.tsx';
import { CommitmentStep, commitmentMaterials, type CommitmentValues } from './CommitmentStep.tsx';
import { ConfirmStep } from './ConfirmStep.tsx';
import { routeErrors, STEP_COMMITMENT, STEP_CONFIRM, STEP_EMPLOYEES, STEP_EMPLOYER } from './route-errors.ts';
import { useEmployerPrefill } from './use-employer-prefill.ts';
import { useFilingSeason, type FilingSeasonView } from './use-filing-season.ts';

const STEP_TITLES = ['单位信息', '残疾职工', '承诺书', '确认提交'];
// Filings that no longer block a new one for the same year (db/migrations/006).
const FINISHED = new Set(['withdrawn', 'returned']);

function SeasonNotice({ season }: { season: FilingSeasonView }) {
  if (season.acceptingFilings) return null;
  const s = season.status;
  return (
    <Alert type="warning" showIcon title="当前不在年审认证期，暂不能提交申报"
      description={`本年度认证期为 ${chineseDate(s.opensOn)} 至 ${chineseDate(s.closesOn)}${s.nextOpensOn ? `，下次开放时间为 ${chineseDate(s.nextOpensOn)}` : ''}。您可以先填写，开放后再提交。`} />
  );
}

export function NewFilingPage() {
  const { who } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const season = useFilingSeason();
  const prefill = useEmployerPrefill(who?.uscc);
  const [employerForm] = Form.useForm();
  const [commitmentForm] = Form.useForm<CommitmentValues>();
  const [chosenYear, setChosenYear] = useState<number | null>(null);
  const [step, setStep] = useState(STEP_EMPLOYER);
  const [rows, setRows] = useState<EmployeeRow[]>(() => [newRow()]);
  const [showAll, setShowAll] = useState(false);
  const [listError, setListError] = useState<string | undefined>();
  const [errorSteps, setErrorSteps] = useState<number[]>([]);
  const [refusal, setRefusal] = useState<{ title: string; messages: string[] } | null>(null);
  const [existing, setExisting] = useState<Pick<FilingListItem, 'id' | 'status'> | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // One key per draft: a repeated click or a retried request files once.
  const idempotencyKey = useRef(crypto.randomUUID());
  const signedAt = dayjs().format('YYYY-MM-DD');
  const year = chosenYear ?? season?.status.reviewYear ?? dayjs().year() - 1;
  const unitName = Form.useWatch('name', employerForm) as string | undefined;

  useEffect(() => {
    if (prefill) employerForm.setFieldsValue(prefill.values);
  }, [prefill, employerForm]);

  useEffect(() => {
    commitmentForm.setFieldsValue({ materials: commitmentMaterials(year) });
  }, [year, commitmentForm]);

  // A unit files once a year: say so before the person types a whole list.
  useEffect(() => {
    let live = true;
    api<{ items: FilingListItem[] }>('GET', `/api/filings?year=${year}`)
      .then((list) => live && setExisting(list.items.find((f) => !FINISHED.has(f.status)) ?? null))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [year]);

  const declaration = (): Filing => {
    const c = commitmentForm.getFieldsValue(true) as Partial<CommitmentValues>;
    const materials = [...(c.materials ?? []), ...(c.otherMaterial?.trim() ? [c.otherMaterial.trim()] : [])];
    return {
      year,
      channel: 'online',
      employer: cleanEmployer(employerForm.getFieldsValue(true) as Record<string, unknown>) as Filing['employer'],
      employees: rows.map((r) => toEmployee(r.values)),
      commitment: { signer: (c.signer ?? '').trim(), signedAt, accepted: c.accepted === true, ...(materials.length > 0 ? { materials } : {}) },
    };
  };

  const showRefusal = (errors: readonly FieldError[], title: string) => {
    const routed = routeErrors(errors, rows);
    employerForm.setFields(routed.employer);
    commitmentForm.setFields(routed.commitment as Parameters<typeof commitmentForm.setFields>[0]);
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
    if (current === STEP_EMPLOYER) {
      return employerForm.validateFields().then(() => true, () => false);
    }
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
      return true;
    }
    if (current === STEP_COMMITMENT) return commitmentForm.validateFields().then(() => true, () => false);
    return true;
  };

  const next = async () => {
    if (!(await stepIsValid(step))) return;
    setErrorSteps((s) => s.filter((n) => n !== step));
    if (step === STEP_EMPLOYEES && !commitmentForm.getFieldValue('signer')) {
      commitmentForm.setFieldValue('signer', employerForm.getFieldValue('handlerName'));
    }
    setStep(step + 1);
    window.scrollTo({ top: 0 });
  };

  const submit = async () => {
    const body = declaration();
    // The server's own checks first, in the page: most refusals never need the trip.
    const issues = filingIssues(body, { from: year, to: year });
    if (issues.length > 0) {
      showRefusal(issues, '申报内容还有需要修改的地方');
      return;
    }
    setSubmitting(true);
    setRefusal(null);
    try {
      const created = await api<{ id: string; status: string }>('POST', '/api/filings', body, { 'Idempotency-Key': idempotencyKey.current });
      message.success('申报已提交，系统正在审核');
      navigate(`/portal/filings/${created.id}`);
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setRefusal({ title: '提交失败，请检查网络后重试', messages: [] });
      } else if (error.status === 400) {
        showRefusal(error.errors, '提交未成功：请按提示修改标红的内容');
      } else if (error.body.code === 'FILING_EXISTS') {
        const id = String(error.body.filingId);
        api<{ status: FilingListItem['status'] }>('GET', `/api/filings/${id}`).then((f) => setExisting({ id, status: f.status }), () => undefined);
        setRefusal({ title: error.title, messages: [] });
      } else {
        if (error.body.code === 'IDEMPOTENCY_KEY_REUSED') idempotencyKey.current = crypto.randomUUID();
        const detail = typeof error.body.detail === 'string' ? [error.body.detail] : [];
        setRefusal({ title: error.title, messages: error.errors.length > 0 ? error.errors.map((e) => e.message) : detail });
      }
    } finally {
      setSubmitting(false);
    }
  };

  const openYears = season?.openForTraining ? Array.from({ length: season.status.certificationYear - 2015 + 1 }, (_, i) => season.status.certificationYear - i) : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>新建年审申报</Typography.Title>
        <Space>
          <Typography.Text>申报年度：</Typography.Text>
          {openYears ? (
            <Select value={year} onChange={setChosenYear} options={openYears.map((y) => ({ value: y, label: `${y} 年` }))} style={{ width: 110 }} data-testid="filing-year" />
          ) : (
            <Typography.Text strong data-testid="filing-year">{year} 年</Typography.Text>
          )}
        </Space>
      </Space>
      {season && <SeasonNotice season={season} />}
      {existing && (
        <Alert type="info" showIcon data-testid="existing-filing" title={`本单位 ${year} 年度已有申报（${STATUS_NAMES[existing.status] ?? existing.status}），一个年度只能申报一次`}
          action={<Link to={`/portal/filings/${existing.id}`}>查看该申报</Link>} />
      )}
      {refusal && (
        <Alert type="error" showIcon closable={{ onClose: () => setRefusal(null) }} data-testid="submit-errors" title={refusal.title}
          description={refusal.messages.length > 0 && (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {refusal.messages.slice(0, 15).map((m, i) => <li key={i}>{m}</li>)}
              {refusal.messages.length > 15 && <li>……另有 {refusal.messages.length - 15} 处</li>}
            </ul>
          )} />
      )}
      <Card>
        <Steps
          current={step}
          onChange={(target) => target < step && setStep(target)}
          items={STEP_TITLES.map((title, i) => ({ title, ...(errorSteps.includes(i) && i !== step ? { status: 'error' as const } : {}) }))}
          style={{ marginBottom: 24 }}
          data-testid="wizard-steps"
        />
        <div hidden={step !== STEP_EMPLOYER}>
          {prefill && prefill.sources.length > 0 && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }}
              title={prefill.sources.includes('register') ? '已根据单位登记信息预填，请核对' : `已根据本单位 ${prefill.lastYear} 年度的申报预填，请核对并更新；证件号码和电话请重新填写`} />
          )}
          <EmployerForm form={employerForm} year={year} usccLocked />
        </div>
        <div hidden={step !== STEP_EMPLOYEES}>
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <EmployeeImport year={year} hasRows={rows.some((r) => Object.keys(r.values).length > 0)}
              onImported={(employees, mode) => setRows((current) => {
                const kept = current.filter((r) => Object.keys(r.values).length > 0);
                return mode === 'append' ? [...kept, ...rowsFrom(employees)] : rowsFrom(employees);
              })} />
            <EmployeeTable rows={rows} onChange={setRows} year={year} showAll={showAll} listError={listError} />
          </Space>
        </div>
        <div hidden={step !== STEP_COMMITMENT}>
          <CommitmentStep form={commitmentForm} year={year} unitName={unitName} signedAt={signedAt} />
        </div>
        {step === STEP_CONFIRM && <ConfirmStep filing={declaration()} />}
        <Space style={{ marginTop: 24 }} wrap>
          {step > STEP_EMPLOYER && <Button onClick={() => setStep(step - 1)} data-testid="wizard-back">上一步</Button>}
          {step < STEP_CONFIRM && <Button type="primary" onClick={next} data-testid="wizard-next">下一步</Button>}
          {step === STEP_CONFIRM && (
            <Button type="primary" loading={submitting} onClick={submit} data-testid="submit-filing" disabled={season !== null && !season.acceptingFilings}>
              提交申报
            </Button>
          )}
        </Space>
      </Card>
    </Space>
  );
}
