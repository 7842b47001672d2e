// The window's own part of a filing made on a unit's behalf: whether the paper materials are complete (accepted on
// the spot) or what is missing (the acceptance task then follows within the deployed diagram's acceptance deadline),
// and the unit's signed commitment letter as the paper shows it.
import { Checkbox, Col, DatePicker, Form, Input, Radio, Row, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { CommitmentMaterialsField, mustBeTicked } from '../../../components/filing/commitment-fields.tsx';
import type { ExtraFormRoute } from '../../../components/filing/declaration-errors.ts';
import { useDeadlines, withinWorkingDays } from '../../../lib/deadlines.ts';

export interface IntakeCheckValues {
  windowIntake: { materialsComplete?: boolean; missingMaterials?: string };
  commitment: { signer?: string; signedAt?: Dayjs; accepted?: boolean; materials?: string[] };
}

/** Refusals of the window's part and of the commitment land on this form's fields (a part as a whole: its choice). */
export function intakeCheckRoute(step: number): ExtraFormRoute {
  return { parts: ['commitment', 'windowIntake'], fieldOf: (part, field) => [part, field ?? (part === 'commitment' ? 'accepted' : 'materialsComplete')], step };
}

/** `dispatchAgreement`: the list counts a dispatched worker here, so the paper should include the agreement. */
export function IntakeCheckForm({ form, year, dispatchAgreement }: { form: FormInstance<IntakeCheckValues>; year: number; dispatchAgreement: boolean }) {
  const complete = Form.useWatch(['windowIntake', 'materialsComplete'], form);
  const deadlines = useDeadlines();
  return (
    <Form form={form} layout="vertical" data-testid="intake-check-form">
      <Form.Item
        name={['windowIntake', 'materialsComplete']}
        label="纸质材料核对结果"
        rules={[{ required: true, message: '请选择材料是否齐全' }]}
        extra={
          <span data-testid="intake-acceptance-note">
            {complete === false
              ? `材料不齐全的，系统将告知单位待受理及原因，并在${withinWorkingDays(deadlines, 'acceptance', '受理期限内')}由窗口办理受理。`
              : '材料齐全的，提交后当场受理。'}
          </span>
        }
      >
        <Radio.Group
          data-testid="intake-materials-complete"
          options={[
            { value: true, label: '材料齐全，当场受理' },
            { value: false, label: '材料不齐全，待补正' },
          ]}
        />
      </Form.Item>
      {complete === false && (
        <Form.Item
          name={['windowIntake', 'missingMaterials']}
          label="缺少的材料"
          rules={[{ required: true, whitespace: true, message: '请写明缺少的材料' }]}
        >
          <Input.TextArea rows={2} maxLength={500} showCount placeholder="如：缺少残疾职工劳动合同复印件" data-testid="intake-missing-materials" />
        </Form.Item>
      )}
      <CommitmentMaterialsField name={['commitment', 'materials']} label="单位承诺的材料（按纸质承诺书勾选）" year={year} dispatchAgreement={dispatchAgreement} />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={['commitment', 'signer']} label="承诺书签字人（法定代表人或授权经办人）" rules={[{ required: true, whitespace: true, message: '请填写承诺书签字人' }]}>
            <Input maxLength={50} data-testid="intake-signer" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['commitment', 'signedAt']} label="承诺书签署日期" rules={[{ required: true, message: '请选择承诺书签署日期' }]}>
            <DatePicker style={{ width: '100%' }} format="YYYY年M月D日" data-testid="intake-signed-at" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name={['commitment', 'accepted']}
        valuePropName="checked"
        rules={[mustBeTicked('请核对单位已签署《申报资料真实性承诺书》')]}
      >
        <Checkbox data-testid="intake-commitment-accepted">已核对：单位已签署纸质《申报资料真实性承诺书》</Checkbox>
      </Form.Item>
    </Form>
  );
}
