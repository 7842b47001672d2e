// Choose files (PDF, JPG, PNG; up to 10) and, for evidence, the employee they belong to; sent in one request.
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Select, Upload } from 'antd';
import type { StoredDocument } from '../../lib/filing-types.ts';
import { useDocumentUpload, type UploadKind, type UploadValues } from './use-document-upload.ts';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
const MAX_FILES = 10;

export interface DocumentUploadProps {
  filingId: string;
  kind: UploadKind;
  employeeNames: string[] | undefined;
  employeeIndex: number | undefined;
  /** What the employee choice offers instead of every employee by name (a dispatch agreement: one worker per agency). */
  employeeChoices?: { value: number; label: string }[];
  onUploaded: (items: StoredDocument[]) => void;
}

const TITLES: Record<UploadKind, string> = { scan: '上传申报材料扫描件', evidence: '上传证明材料', dispatch_agreement: '上传劳务派遣协议' };
const CHOICE: Record<UploadKind, { label: string; required: string; placeholder: string }> = {
  scan: { label: '证明材料所属职工', required: '请选择该证明材料所属的职工', placeholder: '选择职工' },
  evidence: { label: '证明材料所属职工', required: '请选择该证明材料所属的职工', placeholder: '选择职工' },
  dispatch_agreement: { label: '协议的派遣单位', required: '请选择该协议对应的派遣单位', placeholder: '选择派遣单位' },
};

export function DocumentUpload({ filingId, kind, employeeNames, employeeIndex, employeeChoices, onUploaded }: DocumentUploadProps) {
  const [form] = Form.useForm<UploadValues>();
  const choices = employeeChoices ?? (employeeNames ?? []).map((name, i) => ({ value: i, label: `第 ${i + 1} 名 ${name}` }));
  const askEmployee = kind !== 'scan' && employeeIndex === undefined && choices.length > 0;
  const testId = kind === 'dispatch_agreement' ? 'dispatch-agreement-upload' : 'document-upload';
  const { files, setFiles, busy, errors, send } = useDocumentUpload({ filingId, kind, employeeIndex, askEmployee, form, onUploaded });

  return (
    <Card size="small" title={TITLES[kind]} data-testid={testId}>
      <Form form={form} layout="vertical" onFinish={send} requiredMark={false}>
        {askEmployee && (
          <Form.Item name="employeeIndex" label={CHOICE[kind].label} rules={[{ required: true, message: CHOICE[kind].required }]}>
            <Select
              placeholder={CHOICE[kind].placeholder}
              style={{ maxWidth: 320 }}
              options={choices}
              data-testid={`${testId}-employee`}
            />
          </Form.Item>
        )}
        <Form.Item label="文件" extra={`支持 PDF、JPG、PNG 格式，一次最多 ${MAX_FILES} 个文件`}>
          <Upload
            multiple
            accept={ACCEPT}
            fileList={files}
            maxCount={MAX_FILES}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList)}
          >
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
        {errors.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title="上传未成功，所选文件均未保存"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {errors.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            }
          />
        )}
        <Button type="primary" htmlType="submit" loading={busy} disabled={files.length === 0} data-testid={`${testId}-submit`}>
          上传
        </Button>
      </Form>
    </Card>
  );
}
