// Choose files (PDF, JPG, PNG; up to 10) and, for evidence, the employee they belong to; sent in one request.
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Select, Upload } from 'antd';
import type { StoredDocument } from '../../lib/filing-types.ts';
import { useDocumentUpload, type UploadValues } from './use-document-upload.ts';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
const MAX_FILES = 10;

export interface DocumentUploadProps {
  filingId: string;
  kind: 'scan' | 'evidence';
  employeeNames: string[] | undefined;
  employeeIndex: number | undefined;
  onUploaded: (items: StoredDocument[]) => void;
}

export function DocumentUpload({ filingId, kind, employeeNames, employeeIndex, onUploaded }: DocumentUploadProps) {
  const [form] = Form.useForm<UploadValues>();
  const askEmployee = kind === 'evidence' && employeeIndex === undefined && (employeeNames?.length ?? 0) > 0;
  const { files, setFiles, busy, errors, send } = useDocumentUpload({ filingId, kind, employeeIndex, askEmployee, form, onUploaded });

  return (
    <Card size="small" title={kind === 'scan' ? '上传申报材料扫描件' : '上传证明材料'} data-testid="document-upload">
      <Form form={form} layout="vertical" onFinish={send} requiredMark={false}>
        {askEmployee && (
          <Form.Item name="employeeIndex" label="证明材料所属职工" rules={[{ required: true, message: '请选择该证明材料所属的职工' }]}>
            <Select
              placeholder="选择职工"
              style={{ maxWidth: 320 }}
              options={employeeNames!.map((name, i) => ({ value: i, label: `第 ${i + 1} 名 ${name}` }))}
              data-testid="document-upload-employee"
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
        <Button type="primary" htmlType="submit" loading={busy} disabled={files.length === 0} data-testid="document-upload-submit">
          上传
        </Button>
      </Form>
    </Card>
  );
}
