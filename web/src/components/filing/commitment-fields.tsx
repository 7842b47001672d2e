// The parts of 申报资料真实性承诺书 (附件1, the letter after §六) both wizards ask for: the materials the letter lists
// and the box that must be ticked — online the unit ticks it, at the window the clerk confirms the signed paper.
import { Checkbox, Col, Form, Row } from 'antd';
import type { FieldName } from './declaration-errors.ts';

/** The materials the letter lists; the sixth, blank line of the paper is "其他材料". */
export function commitmentMaterials(year: number): string[] {
  return ['用人单位信息', `${year}年安排就业的残疾人信息`, '劳动合同/残疾人在编证明', '发放给残疾人的工资信息', '残疾人参保缴费信息'];
}

/**
 * The material a list that counts a dispatched worker here adds, as the letter's 其他材料 line: offered unticked, so
 * whoever ticks it says the agreement was brought (at the window) or is vouched for (online).
 */
export const DISPATCH_AGREEMENT_MATERIAL = '劳务派遣协议（派遣单位与用工单位签订）';

export function CommitmentMaterialsField({ name, label, year, dispatchAgreement = false }: { name: FieldName; label: string; year: number; dispatchAgreement?: boolean }) {
  const materials = [...commitmentMaterials(year), ...(dispatchAgreement ? [DISPATCH_AGREEMENT_MATERIAL] : [])];
  return (
    <Form.Item name={name} label={label}>
      <Checkbox.Group>
        <Row gutter={[8, 8]}>
          {materials.map((m) => (
            <Col xs={24} md={12} key={m}>
              <Checkbox value={m}>{m}</Checkbox>
            </Col>
          ))}
        </Row>
      </Checkbox.Group>
    </Form.Item>
  );
}

/** A rule for a checkbox that must be ticked before going on. */
export function mustBeTicked(message: string) {
  return {
    validator: async (_rule: unknown, value: unknown) => {
      if (value !== true) throw new Error(message);
    },
  };
}
