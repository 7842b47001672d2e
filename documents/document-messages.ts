// The sentences a person reads about an upload's fields, for the shared message mechanism.
import { createFieldMessages } from '../platform/field-messages.ts';

export const documentMessages = createFieldMessages({
  root: ['上传的材料', 'the upload'],
  labels: {
    kind: ['材料类别', 'document kind'],
    employeeIndex: ['所涉残疾职工序号', 'employee index'],
    file: ['文件', 'file'],
  },
  listItems: { file: ['第 {n} 个文件', 'file {n}'] },
  formatHints: {
    employeeIndex: ['应为从 0 开始的整数', 'must be a whole number counting from 0'],
  },
  templates: {
    // Both required parts are choices in a form (a kind, a file), so "请选择" reads right for each.
    REQUIRED: [(f) => `请选择${f}`, (f) => `${f} is required`],
    FILE_TYPE: [
      (f, p) => `${f}${p.name ? `（${String(p.name)}）` : ''}不是 PDF、JPEG 或 PNG 文件，请上传这三种格式之一`,
      (f, p) => `${f}${p.name ? ` (${String(p.name)})` : ''} is not a PDF, JPEG or PNG file`,
    ],
    EMPLOYEE_INDEX: [
      (f, p) =>
        Number(p.count) > 0
          ? `${f}应在 0–${Number(p.count) - 1} 之间（本申报共 ${String(p.count)} 名残疾职工）`
          : `本申报没有申报残疾职工，不能填写${f}`,
      (f, p) =>
        Number(p.count) > 0
          ? `${f} must be from 0 to ${Number(p.count) - 1} (the filing declares ${String(p.count)} employees)`
          : `the filing declares no employees, so ${f} cannot be given`,
    ],
    NOT_DISPATCHED: [
      (_f, p) => `派遣协议须对应一名用工性质为“劳务派遣”的职工，第 ${Number(p.index) + 1} 名残疾职工不是劳务派遣人员`,
      (_f, p) => `a dispatch agreement must name a dispatched worker; employee ${Number(p.index) + 1} is not dispatched`,
    ],
    TOO_MANY_FILES: [(_f, p) => `一次最多上传 ${String(p.max)} 个文件`, (_f, p) => `at most ${String(p.max)} files per upload`],
  },
});
