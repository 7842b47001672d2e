// What any deployed file must be before its content is read: one of the kinds the system deploys, no larger than
// the limit, and — for XML — without a document type declaration (the way to entities that read local files or
// expand a few bytes into gigabytes: XXE, "billion laughs").
import { DEPLOYMENT_POLICY, type PolicyFinding } from './deployment-policy.ts';

const DOCTYPE = /<!\s*(?:DOCTYPE|ENTITY)/i;

export function resourceFindings(name: string, content: string): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  if (!DEPLOYMENT_POLICY.resourceSuffixes.some((suffix) => name.endsWith(suffix))) {
    findings.push({ rule: 'not-allowed', elementId: '', message: `文件 ${name} 的类型不允许部署（只能部署 ${DEPLOYMENT_POLICY.resourceSuffixes.join('、')}）` });
  }
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > DEPLOYMENT_POLICY.maxResourceBytes) {
    findings.push({ rule: 'file-size', elementId: '', message: `文件 ${name} 有 ${bytes} 字节，超过了部署的上限 ${DEPLOYMENT_POLICY.maxResourceBytes} 字节` });
  }
  if (!name.endsWith('.form') && DOCTYPE.test(content)) {
    findings.push({ rule: 'xml-doctype', elementId: '', message: `文件 ${name} 含有文档类型声明（<!DOCTYPE>）或实体定义，不允许部署：它们可被用来读取服务器上的文件或耗尽内存` });
  }
  return findings;
}
