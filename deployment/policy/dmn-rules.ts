// What a decision file may contain beyond what the evaluator reads (dmn-evaluator/decision-model.ts): FEEL only — every
// expressionLanguage on any element is FEEL's — no element of the kinds that define functions or call other logic,
// and every FEEL text keeps to the FEEL rule (no loops, no function definitions, a few built-in functions).
import { DEPLOYMENT_POLICY, type PolicyFinding } from './deployment-policy.ts';
import { feelProblem } from './feel-rule.ts';
import { nearestId, type XmlElement } from '../../platform/xml-tree.ts';

const { dmn } = DEPLOYMENT_POLICY;
const FEEL = new Set(dmn.feelLanguages.map((l) => l.toLowerCase()));
const TEXT_HOLDERS = new Set(dmn.feelTextElements);
const REFUSED = new Set(dmn.refusedElements);

export function dmnPolicyFindings(root: XmlElement): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  const visit = (element: XmlElement) => {
    if (REFUSED.has(element.local)) {
      findings.push({ rule: 'feel-grammar', elementId: nearestId(element), message: `不允许 ${element.qualified}：${dmn.message}` });
      return;
    }
    for (const attribute of element.attributes) {
      if (attribute.local === 'expressionLanguage' && !FEEL.has(attribute.value.trim().toLowerCase())) {
        findings.push({ rule: 'feel-grammar', elementId: nearestId(element), message: `表达式语言 ${attribute.value} 不允许：${dmn.message}` });
      }
    }
    if (element.local === 'text' && element.parent && TEXT_HOLDERS.has(element.parent.local)) {
      const problem = feelProblem(element.text);
      if (problem) findings.push({ rule: 'feel-grammar', elementId: nearestId(element), message: problem });
    }
    for (const child of element.children) visit(child);
  };
  visit(root);
  return findings;
}
