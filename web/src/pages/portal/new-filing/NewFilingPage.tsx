// 新建年审申报: the employer's online declaration in four steps — the unit, the disabled employees (typed or imported),
// the commitment letter, a last look — sent once with an Idempotency-Key; every refusal shown where it belongs.
import { Alert, App, Button, Card, Form, Select, Space, Steps, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { commitmentMaterials } from '../../../components/filing/commitment-fields.tsx';
import { STEP_EMPLOYEES, STEP_UNIT, type ExtraFormRoute } from '../../../components/filing/declaration-errors.ts';
import { EmployeesStep } from '../../../components/filing/EmployeesStep.tsx';
import { EmployerForm } from '../../../components/filing/EmployerForm.tsx';
import { PrefillNotice } from '../../../components/filing/PrefillNotice.tsx';
import { RefusalAlert } from '../../../components/filing/RefusalAlert.tsx';
import { useDeclarationWizard } from '../../../components/filing/use-declaration-wizard.ts';
import type { FilingSeasonView } from '../../../components/filing/use-filing-season.ts';
import { api } from '../../../lib/api.ts';
import { STATUS_NAMES, type FilingListItem } from '../../../lib/filing-types.ts';
import { chineseDate } from '../../../lib/format.ts';
import { useSession } from '../../../lib/session.tsx';
import { CommitmentStep, type CommitmentValues } from './CommitmentStep.tsx';
import { ConfirmStep } from './ConfirmStep.tsx';
import { useEmployerPrefill } from './use-employer-prefill.ts';

const STEP_TITLES = ['单位信息', '残疾职工', '承诺书', '确认提交'];
const STEP_COMMITMENT = 2;
const STEP_CONFIRM = 3;
// Filings that no longer block a new one for the same year (db/migrations/006).
const FINISHED = new Set(['withdrawn', 'returned']);
const COMMITMENT_FIELDS = new Set(['signer', 'accepted', 'materials']);
// The letter's fields take its refusals (the letter as a whole: the box to tick); the rest is listed at the last look.
const COMMITMENT_ROUTE: ExtraFormRoute = {
  parts: ['commitment'],
  fieldOf: (_part, field = 'accepted') => (COMMITMENT_FIELDS.has(field) ? field : undefined),
  step: STEP_COMMITMENT,
  unplacedStep: STEP_CONFIRM,
};

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
  const prefill = useEmployerPrefill(who?.uscc);
  const [commitmentForm] = Form.useForm<CommitmentValues>();
  const [existing, setExisting] = useState<Pick<FilingListItem, 'id' | 'status'> | null>(null);
  const signedAt = dayjs().format('YYYY-MM-DD');
  const wizard = useDeclarationWizard({
    extraForm: commitmentForm,
    extraRoute: COMMITMENT_ROUTE,
    signer: { field: 'signer', from: 'handlerName' },
    partsOf: () => {
      const c = commitmentForm.getFieldsValue(true) as Partial<CommitmentValues>;
      const materials = [...(c.materials ?? []), ...(c.otherMaterial?.trim() ? [c.otherMaterial.trim()] : [])];
      return {
        channel: 'online',
        commitment: { signer: (c.signer ?? '').trim(), signedAt, accepted: c.accepted === true, ...(materials.length > 0 ? { materials } : {}) },
      };
    },
    onCreated: (created) => {
      message.success('申报已提交，系统正在审核');
      navigate(`/portal/filings/${created.id}`);
    },
    refusalOf: (error) => {
      if (error.body.code === 'FILING_EXISTS') {
        const id = String(error.body.filingId);
        api<{ status: FilingListItem['status'] }>('GET', `/api/filings/${id}`).then((f) => setExisting({ id, status: f.status }), () => undefined);
        return { title: error.title, messages: [] };
      }
      const detail = typeof error.body.detail === 'string' ? [error.body.detail] : [];
      return { title: error.title, messages: error.errors.length > 0 ? error.errors.map((e) => e.message) : detail };
    },
  });
  const { season, year, step, setStep, employerForm, openYears } = wizard;
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

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>新建年审申报</Typography.Title>
        <Space>
          <Typography.Text>申报年度：</Typography.Text>
          {openYears ? (
            <Select value={year} onChange={wizard.setChosenYear} options={openYears.map((y) => ({ value: y, label: `${y} 年` }))} style={{ width: 110 }} data-testid="filing-year" />
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
          <PrefillNotice prefill={prefill} unit="本单位" check="请核对" retype="并更新；证件号码和电话请重新填写" />
          <EmployerForm form={employerForm} year={year} usccLocked />
        </div>
        <div hidden={step !== STEP_EMPLOYEES}>
          <EmployeesStep wizard={wizard} />
        </div>
        <div hidden={step !== STEP_COMMITMENT}>
          <CommitmentStep form={commitmentForm} year={year} unitName={unitName} signedAt={signedAt} />
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
