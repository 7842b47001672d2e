// 部署: the change note the deployment requires (kept with who and when, and audited), then POST /api/deployments.
// A refusal's findings go back to the editor, which marks them on their elements.
import { Alert, Form, Input, Modal, type ButtonProps } from 'antd';
import { useState } from 'react';
import { ApiError, deploy, type DeploymentResult, type Finding, type ModelFile } from './modeler-api.ts';

export interface DeployDialogProps {
  open: boolean;
  files: () => Promise<ModelFile[]>;
  onClose: () => void;
  onDeployed: (result: DeploymentResult) => void;
  /** What the server found that stops the deployment. */
  onRefused: (findings: Finding[]) => void;
}

export function DeployDialog({ open, files, onClose, onDeployed, onRefused }: DeployDialogProps) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ title: string; lines: string[] }>();

  async function submit() {
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await deploy(await files(), note.trim());
      setNote('');
      onDeployed(result);
    } catch (e) {
      if (e instanceof ApiError) {
        const findings = Array.isArray(e.body.findings) ? (e.body.findings as Finding[]) : [];
        if (findings.length > 0) onRefused(findings);
        setProblem({ title: e.title, lines: e.errors.map((f) => f.message) });
      } else {
        setProblem({ title: '部署失败，请检查网络后重试', lines: [] });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title="部署到流程引擎"
      okText="部署"
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ disabled: note.trim().length === 0, 'data-testid': 'deploy-confirm' } as ButtonProps}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="部署后，新的申报按新版本办理；已在办理中的申报仍按其开始时的版本办理完毕。"
      />
      <Form layout="vertical">
        <Form.Item label="变更说明" required className="deploy-note-field" help="写明改了什么、依据哪份文件或决定，将与部署人、部署时间一并留存">
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="例如：依据省残联通知，人工审核期限由 10 个工作日调整为 12 个工作日"
            data-testid="deploy-note"
          />
        </Form.Item>
      </Form>
      {problem && (
        <Alert
          type="error"
          showIcon
          data-testid="deploy-refused"
          title={problem.title}
          description={problem.lines.length > 0 ? <ul style={{ margin: 0, paddingInlineStart: 20 }}>{problem.lines.map((l) => <li key={l}>{l}</li>)}</ul> : undefined}
        />
      )}
    </Modal>
  );
}
