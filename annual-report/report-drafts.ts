// The drafts the city's form opens with: what the frozen figures already say about industries, jobs and what to do,
// for the city federation to correct and complete — never sent as they are without the city's own submission.
import { count, industriesBySize, yuan, type ReportTexts } from './report-content.ts';
import type { ReportFigures } from './report-figures.ts';

/** The form's fields hold at most this much (forms/annual-report.form). */
export const MAX_SECTION_LENGTH = 4000;

const clip = (text: string) => (text.length <= MAX_SECTION_LENGTH ? text : text.slice(0, MAX_SECTION_LENGTH));

export function reportDrafts(f: ReportFigures): ReportTexts {
  const industries = industriesBySize(f).slice(0, 5);
  const short = [...f.employment.byIndustry].filter((i) => i.shortfall > 0).sort((a, b) => b.shortfall - a.shortfall).slice(0, 3);
  const below = f.employment.belowQuota;
  const above = f.employment.aboveQuota;

  const industryLines = industries.map(
    (i) => `${i.label}：参加年审单位 ${i.units} 家，安排残疾人 ${count(i.certifiedEmployees)} 人，未达比例单位 ${i.belowQuotaUnits} 家，差额 ${count(i.shortfall)} 人。`,
  );
  const industryAnalysis = [
    `（草稿，请结合本地实际修改完善）${f.year}年度参加年审单位最多的行业：`,
    ...(industryLines.length > 0 ? industryLines : ['本年度暂无分行业数据。']),
    short.length > 0 ? `未达比例差额较大的行业为${short.map((i) => i.label).join('、')}，需重点跟进。` : '',
  ].filter((line) => line !== '');

  const marketDemand = [
    `（草稿，请结合人社部门和招聘市场的信息修改完善）按本年度年审结果，全市未达到 1.5% 比例的单位共 ${below.units} 家，` +
      `按差额计算可提供约 ${Math.ceil(below.shortfall)} 个残疾人就业岗位。`,
    short.length > 0 ? `岗位缺口主要集中在${short.map((i) => `${i.label}（差额 ${count(i.shortfall)} 人）`).join('、')}。` : '',
    '请补充本地招聘会、就业服务机构登记的岗位需求和残疾人求职意向。',
  ].filter((line) => line !== '');

  const recommendations = [
    '（草稿，请修改完善）',
    `1. 对未达比例的 ${below.units} 家单位加强政策宣传和岗位对接，预计应缴残疾人就业保障金 ${yuan(below.levyEstimate)}，督促按时缴纳。`,
    `2. 对超比例安排残疾人就业的 ${above.units} 家单位（超出 ${count(above.surplus)} 人），研究落实超比例奖励。`,
    '3. 严格管理退出：及时核实离职、退休、证件到期的残疾职工，做好年审数据的动态更新。',
  ];

  return { industryAnalysis: clip(industryAnalysis.join('\n')), marketDemand: clip(marketDemand.join('\n')), recommendations: clip(recommendations.join('\n')) };
}
