// A filing's employees written as the employee-list template's CSV (docs/employee-import.md), as an employer's
// spreadsheet would hold them; optionally with a wrong ID check digit in one row.
import type { Employee } from '../../filings/declaration/filing.ts';

const CERT = { disability: '残疾人证', veteran: '残疾军人证', police: '伤残人民警察证' } as const;
const EDUCATION = { none: '无', primary: '小学', junior_high: '初中', senior_high: '高中', vocational: '中专或职高', college: '大专', bachelor: '本科', postgraduate: '研究生及以上' } as const;
const EMPLOYMENT = { contract: '合同制', establishment: '在编', dispatch: '劳务派遣', other: '其他' } as const;
const POST = { management_technical: '管理或技术岗位', other: '其他岗位' } as const;
const HEADER =
  '姓名,身份证号,户籍所在地代码,证件类型,证号,残疾类别,残疾等级,文化程度,联系电话,就业岗位,岗位类别,实际支付工资（元）,用工性质,' +
  '派遣单位统一社会信用代码,派遣协议约定计入本单位,劳动合同起始日期,劳动合同终止日期,在岗起始日期,在岗终止日期,参保信息,上年度缴费信息';

/** The ID number with its check digit changed: what a typing slip makes of it. */
export function withWrongCheckDigit(idNumber: string): string {
  return idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1');
}

export function employeeCsv(employees: readonly Employee[], badRow = -1): string {
  const lines = employees.map((e, i) =>
    [
      e.name, i === badRow ? withWrongCheckDigit(e.idNumber) : e.idNumber, e.hukouRegionCode, CERT[e.certType], e.certNumber,
      e.disabilityCategory ?? '', e.disabilityGrade, EDUCATION[e.education as keyof typeof EDUCATION], e.phone, e.jobPost,
      e.postType ? POST[e.postType] : '', e.annualWage, EMPLOYMENT[e.employmentType as keyof typeof EMPLOYMENT],
      e.dispatchAgencyUscc ?? '', e.dispatchCountedHere === undefined ? '' : e.dispatchCountedHere ? '是' : '否',
      e.contractStart ?? '', e.contractEnd ?? '', e.employedFrom, e.employedTo, '养老、医疗', '12个月',
    ].join(','),
  );
  return `\ufeff${[HEADER, ...lines].join('\r\n')}\r\n`;
}
