// What the two declaration wizards share — the employer's online one (portal) and the clerk's on a unit's behalf
// (window): the review year, the unit form, the employee rows, checks before each step, refusals routed to their
// fields and steps, and the one submission with its Idempotency-Key. Each page keeps only its own form (the
// commitment letter; the materials check), its steps and what follows the filing.
import { App, Form, type FormInstance } from 'antd';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import type { Filing } from '../../../../filings/declaration/filing.ts';
import { ApiError, api, type FieldError } from '../../lib/api.ts';
import type { FilingStatus } from '../../lib/filing-types.ts';
import { filingIssues } from './declaration-checks.ts';
import { routeDeclarationErrors, STEP_EMPLOYEES, STEP_UNIT, type ExtraFormRoute, type FieldName } from './declaration-errors.ts';
import { cleanEmployer } from './EmployerForm.tsx';
import { tableProblems } from './employee-problems.ts';
import { employeePath } from './declaration-checks.ts';
import { isKept, newRow, toEmployee, unconfirmedMessage, unconfirmedRows, type EmployeeRow } from './employee-rows.ts';
import { applyDraft, type LastYearDraft } from './last-year-draft.ts';
import { useFilingSeason } from './use-filing-season.ts';

export interface Refusal {
  title: string;
  messages: string[];
}

export interface CreatedFiling {
  id: string;
  status: FilingStatus;
}

export interface DeclarationWizardOptions<Extra> {
  /** The page's own form and where its refusals go. */
  extraForm: FormInstance<Extra>;
  extraRoute: ExtraFormRoute;
  /** The declaration's parts the page supplies for the year (channel, commitment, window intake). */
  partsOf: (year: number) => Omit<Filing, 'year' | 'employer' | 'employees'>;
  /** The commitment's signer, taken from a unit field when the employees step is left with it still blank. */
  signer: { field: FieldName; from: string };
  /** The page's form shares its step with the submit button, so it is checked on submitting. */
  checkExtraOnSubmit?: boolean;
  onCreated: (created: CreatedFiling) => void;
  /** What a refusal other than failed checks says (the page may act on some, e.g. a filing that exists). */
  refusalOf: (error: ApiError) => Refusal;
}

const passes = (form: FormInstance) => form.validateFields().then(() => true, () => false);

export function useDeclarationWizard<Extra>(options: DeclarationWizardOptions<Extra>) {
  const { extraRoute } = options;
  // Only addressed by field names here: the page's values' type is its own business.
  const extraForm = options.extraForm as FormInstance;
  const { message } = App.useApp();
  const season = useFilingSeason();
  const [employerForm] = Form.useForm();
  const [chosenYear, setChosenYear] = useState<number | null>(null);
  const [step, setStep] = useState(STEP_UNIT);
  const [rows, setRows] = useState<EmployeeRow[]>(() => [newRow()]);
  const [showAll, setShowAll] = useState(false);
  const [listError, setListError] = useState<string | undefined>();
  const [errorSteps, setErrorSteps] = useState<number[]>([]);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // The unit's masked numbers a draft from last year kept (field → as shown), and which year it came from.
  const [employerKept, setEmployerKept] = useState<Record<string, string>>({});
  const [startedFrom, setStartedFrom] = useState<LastYearDraft | null>(null);
  // One key per declaration: a repeated click or a retried request files once.
  const idempotencyKey = useRef(crypto.randomUUID());
  const year = chosenYear ?? season?.status.reviewYear ?? dayjs().year() - 1;
  // Training systems may file for any year since 2015; a real one only for the year under review.
  const openYears = season?.openForTraining ? Array.from({ length: season.status.certificationYear - 2015 + 1 }, (_, i) => season.status.certificationYear - i) : null;

  const declaration = (): Filing => ({
    year,
    employer: cleanEmployer(employerForm.getFieldsValue(true) as Record<string, unknown>) as Filing['employer'],
    employees: rows.map((r) => toEmployee(r.values)),
    ...options.partsOf(year),
  });

  const showRefusal = (errors: readonly FieldError[], title: string) => {
    const routed = routeDeclarationErrors(errors, rows, extraRoute);
    employerForm.setFields(routed.employer);
    extraForm.setFields(routed.extra);
    setRows(routed.rows);
    setListError(routed.listError);
    setShowAll(true);
    setErrorSteps(routed.steps);
    setRefusal({ title, messages: errors.map((e) => e.message) });
    const first = routed.steps[0];
    if (first !== undefined) setStep(first);
    window.scrollTo({ top: 0 });
  };

  /** 上年数据导入: the unit and the employees replaced by last year's draft (masked numbers kept for the employer only). */
  const startFromLastYear = (draft: LastYearDraft, keepMasked: boolean) => {
    const applied = applyDraft(draft, keepMasked);
    employerForm.setFieldsValue(applied.employer);
    setEmployerKept(applied.employerKept);
    setRows(applied.rows.length > 0 ? applied.rows : [newRow()]);
    setListError(undefined);
    setStartedFrom(draft);
  };

  const stepIsValid = async (current: number): Promise<boolean> => {
    if (current === STEP_UNIT) return passes(employerForm);
    if (current === STEP_EMPLOYEES) {
      setShowAll(true);
      if (rows.length === 0) {
        setListError('请至少填写一名残疾职工');
        return false;
      }
      const waiting = unconfirmedRows(rows);
      if (waiting.length > 0) {
        setListError(unconfirmedMessage(waiting));
        return false;
      }
      setListError(undefined);
      if (tableProblems(rows, year, true).length > 0) {
        message.error('残疾职工名单中还有需要修改的地方，请按表格上方的提示修改');
        return false;
      }
      return true;
    }
    if (current === extraRoute.step) return passes(extraForm);
    return true;
  };

  const next = async () => {
    if (!(await stepIsValid(step))) return;
    setErrorSteps((s) => s.filter((n) => n !== step));
    if (step === STEP_EMPLOYEES && !extraForm.getFieldValue(options.signer.field)) {
      extraForm.setFieldValue(options.signer.field, employerForm.getFieldValue(options.signer.from));
    }
    setStep(step + 1);
    window.scrollTo({ top: 0 });
  };

  const submit = async () => {
    if (options.checkExtraOnSubmit && !(await passes(extraForm))) return;
    const waiting = unconfirmedRows(rows);
    if (waiting.length > 0) {
      setListError(unconfirmedMessage(waiting));
      setStep(STEP_EMPLOYEES);
      setRefusal({ title: '还有标记为“待确认”的残疾职工', messages: [unconfirmedMessage(waiting)] });
      return;
    }
    const body = declaration();
    // The server's own checks first, in the page: most refusals never need the trip. Masked numbers kept from last
    // year are the server's to check.
    const keptPath = (path: string) => {
      const at = employeePath(path);
      if (at) return rows[at.index] !== undefined && isKept(rows[at.index] as EmployeeRow, at.field);
      const field = path.startsWith('/employer/') ? path.slice('/employer/'.length) : '';
      return Object.hasOwn(employerKept, field) && employerForm.getFieldValue(field) === employerKept[field];
    };
    const issues = filingIssues(body, { from: year, to: year }).filter((i) => !keptPath(i.path));
    if (issues.length > 0) {
      showRefusal(issues, '申报内容还有需要修改的地方');
      return;
    }
    setSubmitting(true);
    setRefusal(null);
    try {
      const created = await api<CreatedFiling>('POST', '/api/filings', body, { 'Idempotency-Key': idempotencyKey.current });
      options.onCreated(created);
    } catch (error) {
      if (!(error instanceof ApiError)) setRefusal({ title: '提交失败，请检查网络后重试', messages: [] });
      else if (error.status === 400) showRefusal(error.errors, '提交未成功：请按提示修改标红的内容');
      else {
        if (error.body.code === 'IDEMPOTENCY_KEY_REUSED') idempotencyKey.current = crypto.randomUUID();
        setRefusal(options.refusalOf(error));
      }
    } finally {
      setSubmitting(false);
    }
  };

  /** The Steps' items, a step still holding errors marked red while another is shown. */
  const stepItems = (titles: readonly string[]) => titles.map((title, i) => ({ title, ...(errorSteps.includes(i) && i !== step ? { status: 'error' as const } : {}) }));

  return { season, year, setChosenYear, openYears, employerForm, step, setStep, rows, setRows, showAll, listError, refusal, setRefusal, submitting, declaration, next, submit, stepItems, employerKept, startedFrom, startFromLastYear };
}

export type DeclarationWizard = ReturnType<typeof useDeclarationWizard>;
