// One filing as caseworkers read it, beside a task or on its own page: the unit and status, the automatic (and
// manual) result, the declaration, the documents with preview, the full history and the escalations. Whole ID
// numbers only after an explicit, audited request.
import { Alert, Button, Card, Descriptions, Skeleton, Space } from 'antd';
import { StatusTag } from '../../components/filing/StatusTag.tsx';
import { chineseDateTime } from '../../lib/format.ts';
import { loadErrorText } from '../../lib/use-loaded.ts';
import { channelName } from './channel-names.ts';
import { FilingTabs, type FilingTab } from './FilingTabs.tsx';
import { regionLabel } from './region-label.ts';
import { RevealPersonalButton } from './RevealPersonalButton.tsx';
import { useRevealableFiling } from './use-revealable-filing.ts';

export interface FilingViewProps {
  filingId: string;
  /** The employee (0-based) a manual review is about: marked in the declaration and the documents. */
  highlightEmployeeIndex?: number;
  defaultTab?: FilingTab;
  /** Narrow column beside a task form: fewer columns in the header. */
  compact?: boolean;
}

export function FilingView({ filingId, highlightEmployeeIndex, defaultTab = 'result', compact = false }: FilingViewProps) {
  const { filing, reveal, setReveal } = useRevealableFiling(filingId);

  if (filing.error) return <Alert type="error" showIcon title={loadErrorText(filing.error)} action={<Button onClick={filing.reload}>重试</Button>} />;
  if (!filing.data) return <Skeleton active />;
  const f = filing.data;

  return (
    <Card
      size="small"
      data-testid="filing-view"
      title={
        <Space wrap>
          <span>{f.employer.name}</span>
          <StatusTag status={f.status} channel={f.channel} />
        </Space>
      }
      extra={<RevealPersonalButton reveal={reveal} onReveal={setReveal} />}
    >
      <Descriptions
        size="small"
        column={compact ? { xs: 1, sm: 2 } : { xs: 1, sm: 2, lg: 4 }}
        style={{ marginBottom: 8 }}
        items={[
          { key: 'uscc', label: '统一社会信用代码', children: f.employer.uscc },
          { key: 'year', label: '审核年度', children: `${f.year} 年` },
          { key: 'channel', label: '申报渠道', children: channelName(f.channel) },
          { key: 'created', label: '提交时间', children: chineseDateTime(f.createdAt) },
          { key: 'receiving', label: '收件地', children: regionLabel(f.receivingRegionCode) },
          { key: 'handling', label: '办理地', children: regionLabel(f.handlingRegionCode) },
          { key: 'count', label: '残疾职工', children: `${f.employees.length} 人` },
        ]}
      />
      {reveal && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title="正在显示完整证件号码，本次查看已记入审计日志" />}
      <FilingTabs filing={f} defaultTab={defaultTab} highlightEmployeeIndex={highlightEmployeeIndex} />
    </Card>
  );
}
