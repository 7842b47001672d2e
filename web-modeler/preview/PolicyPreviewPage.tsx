// 规则修改影响预览: a changed decision file (handed over by the DMN editor, uploaded, or a deployed one) replayed
// against the stored filings of a year and a county or city, before it is deployed. Shows what would change —
// totals, per county, the filings whose certified count or levy changes, and the employee-months that flip and
// why. Nothing is written to any filing; deployment stays on the editor page, to which this page hands back.
import { ArrowLeftOutlined, DeleteOutlined, ExperimentOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Cascader, Col, Empty, Form, InputNumber, Row, Select, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { regionName, zhejiangCounties } from '../../domain/regions.ts';
import { MONTH_REASON_TEXT } from '../../review/reason-messages.ts';
import { persons, yuan } from '../../web/src/lib/format.ts';
import { loadErrorText, useLoaded } from '../../web/src/lib/use-loaded.ts';
import {
  ApiError,
  listDefinitions,
  previewImpact,
  sourceOf,
  type ImpactPreview,
  type ModelFile,
  type PreviewFilingChange,
  type PreviewMonthFlip,
  type PreviewMonthJudgement,
} from '../modeler-api.ts';

/** What the editor hands over: the edited files, and the address to go back to. */
interface PreviewHandOver {
  files?: ModelFile[];
  back?: string;
}

interface CandidateFile extends ModelFile {
  /** Where the file came from, for the person choosing: 编辑器中的修改, 本地文件, 已部署第 n 版. */
  origin: string;
}

const ZHEJIANG = '330000';

/** Cities with their counties; a city alone selects all its counties. */
function regionOptions() {
  const cities = new Map<string, { value: string; label: string; children: { value: string; label: string }[] }>();
  for (const county of zhejiangCounties()) {
    const city = cities.get(county.cityCode) ?? { value: county.cityCode, label: county.cityName, children: [] };
    city.children.push({ value: county.code, label: county.name });
    cities.set(county.cityCode, city);
  }
  return [{ value: ZHEJIANG, label: '全省' }, ...cities.values()];
}

/** The Cascader's path for a region code: [city] or [city, county]; [全省] for the whole province. */
function pathOf(code: string): string[] {
  if (code === ZHEJIANG) return [ZHEJIANG];
  const city = `${code.slice(0, 4)}00`;
  return city === code ? [city] : [city, code];
}

const signed = (n: number, format: (n: number) => string) => (n > 0 ? `+${format(n)}` : n < 0 ? `−${format(-n)}` : format(0));
const count = (n: number) => n.toFixed(2);
const money = (n: number) => yuan(n);
const thousandths = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Yuan to the fen with thousands separators, without the unit (a column or statistic names it). */
const amount = (n: number) => thousandths.format(n);
const deltaColor = (n: number) => (n > 0 ? '#cf1322' : n < 0 ? '#389e0d' : undefined);

function reasonText(code: string): string {
  return Object.hasOwn(MONTH_REASON_TEXT, code) ? MONTH_REASON_TEXT[code as keyof typeof MONTH_REASON_TEXT].zh : code;
}

function Judgement({ value }: { value: PreviewMonthJudgement }) {
  if (value.counted) return <Tag color="green">计入</Tag>;
  return (
    <Space orientation="vertical" size={2}>
      <Tag color="red">不计入</Tag>
      {value.reasons.map((r) => (
        <Typography.Text key={r} type="secondary" style={{ fontSize: 12 }}>
          {reasonText(r)}
        </Typography.Text>
      ))}
    </Space>
  );
}

function FlipList({ change }: { change: PreviewFilingChange }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<PreviewMonthFlip>
        size="small"
        pagination={false}
        rowKey={(f) => `${f.employeeIndex}:${f.month}`}
        dataSource={change.flips}
        locale={{ emptyText: '没有逐月认定结果变化的职工（仅保障金计算变化）' }}
        data-testid={`flips-${change.filingId}`}
        columns={[
          { title: '职工', dataIndex: 'employeeIndex', width: 120, render: (i: number) => `申报第 ${i + 1} 人` },
          { title: '月份', dataIndex: 'month', width: 110, render: (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月` },
          { title: '现行规则', dataIndex: 'before', render: (v: PreviewMonthJudgement) => <Judgement value={v} /> },
          { title: '修改后', dataIndex: 'after', render: (v: PreviewMonthJudgement) => <Judgement value={v} /> },
        ]}
      />
      {change.flipsTruncated && <Typography.Text type="secondary">变化的月份较多，只列出前 {change.flips.length} 个。</Typography.Text>}
    </Space>
  );
}

function Results({ preview }: { preview: ImpactPreview }) {
  const { totals } = preview;
  const certifiedDelta = Math.round((totals.certifiedCountAfter - totals.certifiedCountBefore) * 100) / 100;
  const levyDelta = Math.round((totals.levyPayableAfter - totals.levyPayableBefore) * 100) / 100;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="preview-results">
      <Row gutter={16}>
        <Col span={6}>
          <Card size="small">
            <Statistic title="回放申报" value={preview.filings} suffix="份" />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title="结果变化的申报" value={preview.changed} suffix="份" data-testid="changed-count" />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title="认定人数合计变化" value={signed(certifiedDelta, count)} suffix="人" styles={{ content: { color: deltaColor(-certifiedDelta) } }} />
            <Typography.Text type="secondary">
              {persons(totals.certifiedCountBefore)} → {persons(totals.certifiedCountAfter)}
            </Typography.Text>
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title="应缴保障金合计变化" value={signed(levyDelta, amount)} suffix="元" styles={{ content: { color: deltaColor(levyDelta) } }} data-testid="levy-delta" />
            <Typography.Text type="secondary">
              {yuan(totals.levyPayableBefore)} → {yuan(totals.levyPayableAfter)}
            </Typography.Text>
          </Card>
        </Col>
      </Row>

      <Card size="small" title="按县（市、区）">
        <Table
          size="small"
          rowKey="regionCode"
          pagination={false}
          dataSource={preview.byCounty}
          data-testid="by-county"
          columns={[
            { title: '县（市、区）', dataIndex: 'regionCode', render: (code: string) => regionName(code) ?? code },
            { title: '回放申报', dataIndex: 'filings', align: 'right', render: (n: number) => `${n} 份` },
            { title: '结果变化', dataIndex: 'changed', align: 'right', render: (n: number) => `${n} 份` },
            { title: '认定人数变化', dataIndex: 'certifiedDelta', align: 'right', render: (n: number) => <span style={{ color: deltaColor(-n) }}>{signed(n, count)} 人</span> },
            { title: '应缴保障金变化', dataIndex: 'levyDelta', align: 'right', render: (n: number) => <span style={{ color: deltaColor(n) }}>{signed(n, money)}</span> },
          ]}
        />
      </Card>

      <Card size="small" title="结果变化的申报" extra={<Typography.Text type="secondary">展开一行，查看逐人逐月的认定变化及原因</Typography.Text>}>
        {preview.changesTruncated && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`变化的申报较多，只列出前 ${preview.changes.length} 份；上面的合计包括全部 ${preview.changed} 份。`} />
        )}
        <Table<PreviewFilingChange>
          size="small"
          rowKey="filingId"
          dataSource={preview.changes}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description="修改后的规则不改变这些申报的认定结果" /> }}
          expandable={{ expandedRowRender: (change) => <FlipList change={change} /> }}
          data-testid="changed-filings"
          columns={[
            { title: '单位名称', dataIndex: 'employerName' },
            { title: '统一社会信用代码', dataIndex: 'employerUscc', render: (u: string) => <Typography.Text code>{u}</Typography.Text> },
            { title: '县（市、区）', dataIndex: 'regionCode', render: (code: string) => regionName(code) ?? code },
            { title: '认定人数', key: 'certified', align: 'right', render: (_, c) => `${count(c.certifiedBefore)} → ${count(c.certifiedAfter)}` },
            { title: '应缴保障金（元）', key: 'levy', align: 'right', render: (_, c) => `${amount(c.levyBefore)} → ${amount(c.levyAfter)}` },
            {
              title: '差额（元）',
              key: 'difference',
              align: 'right',
              render: (_, c) => {
                const d = Math.round((c.levyAfter - c.levyBefore) * 100) / 100;
                return <span style={{ color: deltaColor(d) }}>{signed(d, amount)}</span>;
              },
            },
            { title: '变化月份', key: 'flips', align: 'right', render: (_, c) => `${c.flips.length}${c.flipsTruncated ? '+' : ''} 个` },
          ]}
        />
      </Card>
    </Space>
  );
}

/** Field errors of the API, by JSON pointer: /resources/0/content → file 0; /filings/year → the year field. */
function errorsAt(error: ApiError | undefined, prefix: string): string[] {
  return (error?.errors ?? []).filter((e) => e.path === prefix || e.path.startsWith(`${prefix}/`)).map((e) => e.message);
}

export function PolicyPreviewPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const handOver = (location.state as PreviewHandOver | null) ?? {};
  const [files, setFiles] = useState<CandidateFile[]>(() => (handOver.files ?? []).map((f) => ({ ...f, origin: '编辑器中的修改' })));
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const [region, setRegion] = useState<string>(ZHEJIANG);
  const [limit, setLimit] = useState<number | null>(null);
  const [running, setRunning] = useState(false);
  const [preview, setPreview] = useState<ImpactPreview>();
  const [error, setError] = useState<ApiError | Error>();
  const deployed = useLoaded(() => listDefinitions('decision'), []);
  const options = useMemo(regionOptions, []);

  // Back to the editor with the edited files, so nothing edited is lost by previewing.
  const editorFile = files.find((f) => f.origin === '编辑器中的修改') ?? files[0];
  const back = handOver.back ?? (editorFile ? `/modeler/decision/${encodeURIComponent(editorFile.name.replace(/\.dmn$/, ''))}/edit` : undefined);
  const goBack = () => back && navigate(back, { state: { files: files.map(({ name, content }) => ({ name, content })) } });

  const addFile = (file: CandidateFile) => {
    setFiles((list) => [...list.filter((f) => f.name !== file.name), file]);
    setPreview(undefined);
    setError(undefined);
  };

  const addDeployed = async (key: string) => {
    const definition = deployed.data?.find((d) => d.key === key);
    if (!definition) return;
    try {
      const content = await sourceOf('decision', key, definition.latestVersion);
      addFile({ name: definition.resource, content, origin: `已部署第 ${definition.latestVersion} 版` });
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  };

  const run = async () => {
    setRunning(true);
    setError(undefined);
    setPreview(undefined);
    try {
      const selection = { year, ...(region !== ZHEJIANG ? { regionCode: region } : {}), ...(limit ? { limit } : {}) };
      setPreview(await previewImpact(files.map(({ name, content }) => ({ name, content })), selection));
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setRunning(false);
    }
  };

  const apiError = error instanceof ApiError ? error : undefined;
  const fieldHelp = (path: string) => {
    const messages = errorsAt(apiError, path);
    return messages.length ? { validateStatus: 'error' as const, help: messages.join('；') } : {};
  };
  // Errors about the files as a whole (/resources) or one of them (/resources/n/…).
  const wholeFileErrors = (apiError?.errors ?? []).filter((e) => e.path === '/resources').map((e) => e.message);
  const unplacedErrors = (apiError?.errors ?? []).filter((e) => !e.path.startsWith('/resources') && !e.path.startsWith('/filings'));

  return (
    <Card
      title="规则修改影响预览"
      extra={
        back ? (
          <Button icon={<ArrowLeftOutlined />} onClick={goBack} data-testid="back-to-editor">
            返回编辑
          </Button>
        ) : (
          <Link to="/modeler?kind=decision">返回流程与规则</Link>
        )
      }
    >
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Alert
          type="info"
          showIcon
          title="预览不会修改任何申报"
          description="用已存储的部门核验结果，把所选申报按现行规则和修改后的规则各认定一次，对比认定人数和应缴保障金。确认无误后，回到编辑页部署。"
        />

        <Card size="small" title="修改后的规则文件">
          <Space orientation="vertical" style={{ width: '100%' }}>
            {files.length === 0 && (
              <Typography.Text type="secondary">
                请在决策表编辑页点击“预览修改影响”，或在此上传 .dmn 文件。已部署的规则与现行规则相同，预览不会有差异。
              </Typography.Text>
            )}
            {files.map((file, i) => {
              const messages = errorsAt(apiError, `/resources/${i}`);
              return (
                <Space key={file.name} orientation="vertical" size={2} style={{ width: '100%' }} data-testid={`candidate-${file.name}`}>
                  <Space>
                    <Typography.Text code>{file.name}</Typography.Text>
                    <Tag>{file.origin}</Tag>
                    <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={`移除 ${file.name}`} onClick={() => setFiles((list) => list.filter((f) => f !== file))} />
                  </Space>
                  {messages.map((m) => (
                    <Typography.Text key={m} type="danger">
                      {m}
                    </Typography.Text>
                  ))}
                </Space>
              );
            })}
            {wholeFileErrors.map((m) => (
              <Alert key={m} type="error" showIcon title={m} data-testid="resources-error" />
            ))}
            <Space wrap>
              <Upload
                accept=".dmn"
                showUploadList={false}
                beforeUpload={async (file) => {
                  // Read here, in the browser: the file goes nowhere but into the preview request.
                  addFile({ name: file.name, content: await file.text(), origin: '本地文件' });
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} data-testid="upload-dmn">
                  上传 .dmn 文件
                </Button>
              </Upload>
              <Select
                style={{ minWidth: 280 }}
                placeholder="或加入一个已部署的决策文件"
                loading={deployed.loading}
                value={null}
                onChange={(key: string) => void addDeployed(key)}
                options={(deployed.data ?? []).map((d) => ({ value: d.key, label: `${d.name ?? d.key}（${d.key}，第 ${d.latestVersion} 版）` }))}
                data-testid="deployed-decisions"
              />
            </Space>
          </Space>
        </Card>

        <Form layout="inline" onFinish={() => void run()}>
          <Form.Item label="审核年度" {...fieldHelp('/filings/year')}>
            <InputNumber min={2015} max={2100} value={year} onChange={(v) => v !== null && setYear(v)} data-testid="preview-year" />
          </Form.Item>
          <Form.Item label="地区" {...fieldHelp('/filings/regionCode')}>
            <Cascader
              style={{ width: 240 }}
              options={options}
              changeOnSelect
              allowClear={false}
              value={pathOf(region)}
              onChange={(path) => setRegion(String(path[path.length - 1] ?? ZHEJIANG))}
              displayRender={(labels) => labels.join(' / ')}
              data-testid="preview-region"
            />
          </Form.Item>
          <Form.Item label="最多回放" {...fieldHelp('/filings/limit')}>
            <InputNumber min={1} max={5000} value={limit} onChange={setLimit} placeholder="全部" suffix="份" style={{ width: 140 }} data-testid="preview-limit" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<ExperimentOutlined />} loading={running} disabled={files.length === 0} data-testid="run-preview">
              开始预览
            </Button>
          </Form.Item>
        </Form>

        {error && !(apiError && apiError.errors.length > 0 && unplacedErrors.length === 0) && (
          <Alert type="error" showIcon title={loadErrorText(error)} description={apiError && typeof apiError.body.detail === 'string' ? apiError.body.detail : undefined} data-testid="preview-error" />
        )}
        {apiError && apiError.errors.length > 0 && unplacedErrors.length === 0 && <Alert type="error" showIcon title={apiError.title} data-testid="preview-error" />}
        {running && <Typography.Text type="secondary">正在回放所选申报，请稍候……</Typography.Text>}
        {preview && (preview.filings === 0 ? <Empty description={`${year} 年度${region === ZHEJIANG ? '全省' : regionName(region) ?? region}没有已完成自动审核的申报可供回放`} data-testid="preview-empty" /> : <Results preview={preview} />)}
      </Space>
    </Card>
  );
}
