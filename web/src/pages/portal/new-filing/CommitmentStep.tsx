// 申报资料真实性承诺书 (附件1, the letter after §六): the seed's text with the unit and the year filled in, the
// materials vouched for, who signs and that the unit accepts it.
import { Card, Checkbox, Col, Form, Input, Row, Typography, type FormInstance } from 'antd';
import { CommitmentMaterialsField, mustBeTicked } from '../../../components/filing/commitment-fields.tsx';
import { chineseDate } from '../../../lib/format.ts';

export interface CommitmentValues {
  materials: string[];
  otherMaterial?: string;
  signer: string;
  accepted: boolean;
}

export interface CommitmentStepProps {
  form: FormInstance<CommitmentValues>;
  year: number;
  unitName: string | undefined;
  signedAt: string;
  /** The list counts a dispatched worker here: the letter also vouches for the agreement. */
  dispatchAgreement: boolean;
}

export function CommitmentStep({ form, year, unitName, signedAt, dispatchAgreement }: CommitmentStepProps) {
  return (
    <Form form={form} layout="vertical" data-testid="commitment-form">
      <Card size="small" style={{ background: '#fffdf7', marginBottom: 16 }}>
        <Typography.Title level={4} style={{ textAlign: 'center' }}>申报资料真实性承诺书</Typography.Title>
        <Typography.Paragraph>
          <Typography.Text strong>{unitName || '（用人单位）'}</Typography.Text>郑重承诺：
        </Typography.Paragraph>
        <Typography.Paragraph style={{ textIndent: '2em' }}>
          在办理 {year} 年度按比例安排残疾人就业审核认定事项中所提交的下列材料真实、有效，复印件与原件一致。如有隐瞒或提供的材料虚假，愿意承担一切法律后果。
        </Typography.Paragraph>
        <CommitmentMaterialsField name="materials" label="承诺的材料" year={year} dispatchAgreement={dispatchAgreement} />
        <Form.Item name="otherMaterial" label="其他材料（选填）">
          <Input maxLength={200} placeholder="如：劳务派遣协议" />
        </Form.Item>
      </Card>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="signer" label="法定代表人或授权经办人" rules={[{ required: true, whitespace: true, message: '请填写承诺人' }]}>
            <Input maxLength={50} data-testid="commitment-signer" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="承诺日期">
            <Input value={chineseDate(signedAt)} disabled />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="accepted"
        valuePropName="checked"
        rules={[mustBeTicked('请阅读并确认申报资料真实性承诺书')]}
      >
        <Checkbox data-testid="commitment-accepted">本单位已阅读上述承诺书，承诺所填报的信息和提交的材料真实、有效</Checkbox>
      </Form.Item>
    </Form>
  );
}
