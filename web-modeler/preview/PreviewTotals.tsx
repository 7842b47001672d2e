// The preview's four totals: filings replayed, filings changed, and the certified count and levy before → after.
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { persons, yuan } from '../../web/src/lib/format.ts';
import type { ImpactPreview } from '../modeler-api.ts';
import { amount, count, delta, deltaColor, signed } from './preview-numbers.ts';

export function PreviewTotals({ preview }: { preview: ImpactPreview }) {
  const { totals } = preview;
  const certifiedDelta = delta(totals.certifiedCountBefore, totals.certifiedCountAfter);
  const levyDelta = delta(totals.levyPayableBefore, totals.levyPayableAfter);
  return (
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
  );
}
