// An incident's cause in words an operator reads at a glance, in Chinese: the department steps already begin their
// message with a Chinese sentence (workers/department-job.ts) followed by the technical detail after " / "; other
// steps are named by what went wrong in them. The full message stays beside it for whoever needs the detail.

/** The cause of an incident with this message, raised in a step that asks `department` (null: the system's own). */
export function incidentCause(message: string, department: string | null): string {
  const chinese = message.split(' / ')[0]!.trim();
  if (/[\u4e00-\u9fff]/.test(chinese)) return chinese.replace(/在 ?Cockpit ?中重试/g, '重试');
  if (/CalendarYearUnknown|calendar|working-day/i.test(message)) return '该年度的节假日安排尚未发布，无法按工作日计算期限：发布后重试';
  if (/unavailable|timed out|network error|ECONNREFUSED|HTTP 5\d\d/i.test(message)) {
    return `${department ?? '所调用的系统'}暂时无法访问（已自动重试）：确认其恢复后重试`;
  }
  if (/rejected|HTTP 4\d\d/i.test(message)) return `${department ?? '所调用的系统'}拒绝了本系统的请求：核对接口配置和数据后重试`;
  if (!message) return '该步骤多次执行失败，原因未记录：可在 Cockpit 中查看详情';
  return '该步骤执行出错（系统内部错误）：可先重试，仍失败请联系技术支持';
}
