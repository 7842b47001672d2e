// 修改申报信息 (the employer's task `modify-declaration`, after the DPF approved its feedback): the declaration as
// filed, to correct and save (PUT /api/filings/{id}/declaration), then the task is completed and everything is
// reviewed again. Personal numbers come back masked: left as they are, they are sent back so and the server keeps
// the filed ones; only a number that changes is typed whole.
import { Alert, App, Button, Card, Checkbox, Form, Input, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { Filing } from '../../../../../filings/declaration/filing.ts';
import { employeePath, filingIssues } from '../../../components/filing/declaration-checks.ts';
import { EmployeeImport } from '../../../components/filing/EmployeeImport.tsx';
import { tableProblems } from '../../../components/filing/employee-problems.ts';
import { EmployeeTable } from '../../../components/filing/EmployeeTable.tsx';
import { cleanEmployer, EmployerForm } from '../../../components/filing/EmployerForm.tsx';
import { isKept, isMasked, keptRowsFrom, rowsFrom, toEmployee, type EmployeeRow } from '../../../components/filing/employee-rows.ts';
import { ApiError, api, type FieldError } from '../../../lib/api.ts';
import type { FilingDetail, TaskDetail, TaskItem } from '../../../lib/filing-types.ts';
import { routeDeclarationErrors } from '../../../components/filing/declaration-errors.ts';

export interface ModifyDeclarationPanelProps {
  filing: FilingDetail;
  task: TaskItem;
  onDone: () => void;
}

export function ModifyDeclarationPanel({ filing, task, onDone }: ModifyDeclarationPanelProps) {
  const { message } = App.useApp();
  const [employerForm] = Form.useForm();
  const [rows, setRows] = useState<EmployeeRow[]>(() => keptRowsFrom(filing.employees));
  const keptEmployer = useMemo(() => Object.fromEntries(Object.entries(filing.employer).filter((entry): entry is [string, string] => isMasked(entry[1]))), [filing.employer]);
  const [signer, setSigner] = useState(filing.commitment.signer);
  const [accepted, setAccepted] = useState(false);
  const [reviewNote, setReviewNote] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [listError, setListError] = useState<string | undefined>();
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    employerForm.setFieldsValue(filing.employer);
  }, [filing.employer, employerForm]);

  useEffect(() => {
    api<TaskDetail>('GET', `/api/tasks/${task.id}`)
      .then((t) => setReviewNote(typeof t.values.feedbackReviewNote === 'string' ? t.values.feedbackReviewNote : null))
      .catch(() => undefined);
  }, [task.id]);

  const declaration = (): Filing => ({
    year: filing.year,
    channel: filing.channel,
    employer: cleanEmployer(employerForm.getFieldsValue(true) as Record<string, unknown>) as Filing['employer'],
    employees: rows.map((r) => toEmployee(r.values)),
    commitment: { ...filing.commitment, signer: signer.trim(), signedAt: dayjs().format('YYYY-MM-DD'), accepted },
  });

  /** Whether a path holds a masked number left as filed: the server puts the filed one back and checks that. */
  const keptAt = (path: string, body: Filing): boolean => {
    const at = employeePath(path);
    if (at) return rows[at.index] !== undefined && isKept(rows[at.index]!, at.field);
    const field = /^\/employer\/([^/]+)$/.exec(path)?.[1];
    return field !== undefined && Object.hasOwn(keptEmployer, field) && (body.employer as unknown as Record<string, unknown>)[field] === keptEmployer[field];
  };

  const show = (errors: readonly FieldError[]) => {
    const routed = routeDeclarationErrors(errors, rows);
    employerForm.setFields(routed.employer);
    setRows(routed.rows);
    setListError(routed.listError);
    setShowAll(true);
    setProblems(errors.map((e) => e.message));
  };

  const save = async () => {
    setProblems([]);
    setShowAll(true);
    const valid = await employerForm.validateFields().then(() => true, () => false);
    if (!accepted) {
      setProblems(['请确认修改后的信息真实、有效']);
      return;
    }
    if (!valid || tableProblems(rows, filing.year, true).length > 0) {
      setProblems(['申报信息中还有需要修改的地方，请按标红的提示修改']);
      return;
    }
    const body = declaration();
    const issues = filingIssues(body, { from: filing.year, to: filing.year }).filter((issue) => !keptAt(issue.path, body));
    if (issues.length > 0) {
      show(issues);
      return;
    }
    setSending(true);
    try {
      if (!saved) {
        await api('PUT', `/api/filings/${filing.id}/declaration`, body);
        setSaved(true);
      }
      await api('POST', `/api/tasks/${task.id}/complete`, { declarationModified: true });
      message.success('修改已保存，系统将重新审核');
      onDone();
    } catch (error) {
      if (!(error instanceof ApiError)) setProblems(['提交失败，请检查网络后重试']);
      else if (error.errors.length > 0) show(error.errors);
      else setProblems([error.title]);
    } finally {
      setSending(false);
    }
  };

  return (
    <Card title="修改申报信息" data-testid="modify-declaration-panel" styles={{ header: { background: '#fff7e6' } }}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Alert type="info" showIcon title="您的反馈已获同意，请修改原申报信息并提交；提交后系统将重新核验各部门数据并重新计算。"
          description={reviewNote ? `残联审核意见：${reviewNote}` : undefined} />
        <Alert type="info" showIcon data-testid="kept-numbers-note"
          title="为保护个人信息，证件号码和电话只显示部分数字。未修改的号码沿用原申报，无需重新填写；需要更改的，请填写完整号码。" />
        <Typography.Title level={5}>单位信息</Typography.Title>
        <EmployerForm form={employerForm} year={filing.year} usccLocked regionLocked kept={keptEmployer} />
        <Typography.Title level={5}>残疾职工</Typography.Title>
        <EmployeeImport year={filing.year} hasRows={rows.length > 0}
          onImported={(employees, mode) => setRows((current) => (mode === 'append' ? [...current, ...rowsFrom(employees)] : rowsFrom(employees)))} />
        <EmployeeTable rows={rows} onChange={setRows} year={filing.year} showAll={showAll} listError={listError} />
        <Form layout="vertical">
          <Form.Item label="承诺人" required>
            <Input value={signer} onChange={(e) => setSigner(e.target.value)} maxLength={50} style={{ maxWidth: 320 }} />
          </Form.Item>
          <Checkbox checked={accepted} onChange={(e) => setAccepted(e.target.checked)} data-testid="modify-accepted">
            本单位承诺修改后的申报信息真实、有效
          </Checkbox>
        </Form>
        {problems.length > 0 && (
          <Alert type="error" showIcon title="未能提交" data-testid="modify-errors"
            description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{problems.slice(0, 15).map((p, i) => <li key={i}>{p}</li>)}</ul>} />
        )}
        <Button type="primary" loading={sending} onClick={save} data-testid="submit-modification">
          {saved ? '提交重新审核' : '保存修改并提交重新审核'}
        </Button>
      </Space>
    </Card>
  );
}
