// 办理任务: the task's Camunda Form (form-js) beside the filing it is about — the result, the declaration, the
// documents (the disputed employee's evidence marked), the history; a manual review's employee, the unit's reason and
// evidence above the form. Claim and release here too.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { TaskForm } from '../../components/TaskForm.tsx';
import { api, ApiError } from '../../lib/api.ts';
import type { TaskDetail } from '../../lib/filing-types.ts';
import { chineseDateTime } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import { AcceptanceMissing } from './AcceptanceMissing.tsx';
import { ClaimButton } from './ClaimButton.tsx';
import type { FilingTab } from './FilingTabs.tsx';
import { FilingView } from './FilingView.tsx';
import { taskKindName } from './task-kinds.ts';
import { loadErrorText, useLoaded } from '../../lib/use-loaded.ts';
import { WorkingDaysLeft } from './WorkingDaysLeft.tsx';
import { DueDate } from './DueDate.tsx';
import { ReviewedEmployeeFacts } from './ReviewedEmployeeFacts.tsx';

/** The employee a manual-review task is about, as a 0-based index: the server's reading, else the form's employeeNumber. */
function reviewedEmployeeIndex(task: TaskDetail): number | undefined {
  const n = task.reviewedEmployee?.number ?? Number(task.values.employeeNumber);
  return Number.isInteger(n) && n >= 1 ? n - 1 : undefined;
}

/** Which part of the filing each kind of task needs first. */
const FIRST_TAB: Record<string, FilingTab> = { acceptance: 'documents', 'review-employee': 'documents', 'review-feedback': 'history' };

/** The annual report's tasks (processes/annual-report.bpmn): about a city's report, not a filing. */
const REPORT_TASKS = new Set(['draft-annual-report', 'review-annual-report']);
const REWARD_TASKS = new Set(['confirm-reward-candidates', 'approve-over-quota-rewards']);

export function TaskPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { who } = useSession();
  const task = useLoaded(() => api<TaskDetail>('GET', `/api/tasks/${encodeURIComponent(id)}`), [id]);

  const back = (
    <Link to="/workbench">
      <ArrowLeftOutlined /> 返回待办任务
    </Link>
  );
  if (task.error) {
    const gone = task.error instanceof ApiError && task.error.status === 404;
    return (
      <Result
        status={gone ? '404' : 'error'}
        title={gone ? '任务不存在或已办结' : loadErrorText(task.error)}
        subTitle={gone ? '该任务可能已由他人办理，或不在您的办理范围内。' : undefined}
        extra={<Button onClick={() => navigate('/workbench')}>返回待办任务</Button>}
      />
    );
  }
  if (!task.data) return <Skeleton active />;
  const t = task.data;
  const employeeIndex = t.taskDefinitionKey === 'review-employee' ? reviewedEmployeeIndex(t) : undefined;
  const kind = taskKindName(t.taskDefinitionKey, t.name);
  const mine = t.assignee !== null && t.assignee === who?.sub;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {back}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card
            title={
              <Space>
                <span data-testid="task-title">{kind}</span>
                {employeeIndex !== undefined && (
                  <Typography.Text type="secondary">{t.reviewedEmployee ? t.reviewedEmployee.name : `第 ${employeeIndex + 1} 名职工`}</Typography.Text>
                )}
              </Space>
            }
            extra={<ClaimButton task={t} onChanged={task.reload} />}
          >
            {t.reviewedEmployee && <ReviewedEmployeeFacts employee={t.reviewedEmployee} />}
            <Descriptions
              size="small"
              column={1}
              style={{ marginBottom: 12 }}
              items={[
                { key: 'created', label: '创建时间', children: chineseDateTime(t.created) },
                {
                  key: 'due',
                  label: '办理期限',
                  children: t.due ? (
                    <Space wrap>
                      <DueDate due={t.due} provisional={t.dueProvisional} />
                      <WorkingDaysLeft left={t.workingDaysLeft} overdue={t.overdue} due={t.due} />
                    </Space>
                  ) : (
                    '未设办理期限'
                  ),
                },
                { key: 'assignee', label: '办理人', children: t.assignee === null ? '待认领' : mine ? '我' : t.assignee },
              ]}
            />
            {t.assignee === null && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="该任务尚未认领：可先认领，提交时也会自动由您认领。" />}
            {t.taskDefinitionKey === 'acceptance' && t.filing && <AcceptanceMissing filingId={t.filing.id} />}
            {t.form ? (
              <TaskForm
                taskId={t.id}
                schema={t.form}
                values={t.values}
                onCompleted={() => {
                  message.success(`“${kind}”已办结`);
                  navigate('/workbench');
                }}
              />
            ) : (
              <Alert type="warning" showIcon title="该任务没有可在此办理的表单，请在流程管理中处理。" />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          {t.filing ? (
            <FilingView filingId={t.filing.id} highlightEmployeeIndex={employeeIndex} defaultTab={FIRST_TAB[t.taskDefinitionKey] ?? 'result'} compact />
          ) : REPORT_TASKS.has(t.taskDefinitionKey) ? (
            <Alert
              type="info"
              showIcon
              title="年度总结报告"
              description={<>报告的基本情况由系统按统管数据生成并固定；各稿的 Word 和 PDF 文件及审阅意见见<Link to="/supervision/annual-reports">年度总结报告</Link>页面。</>}
            />
          ) : REWARD_TASKS.has(t.taskDefinitionKey) ? (
            <Alert
              type="info"
              showIcon
              title="超比例奖励"
              description={<>候选单位由系统按奖励规则判断，依据和原因、各县的确认或排除理由见<Link to="/supervision/rewards">超比例奖励</Link>页面。</>}
            />
          ) : (
            <Alert type="info" showIcon title="该任务不属于任何申报" />
          )}
        </Col>
      </Row>
    </Space>
  );
}
