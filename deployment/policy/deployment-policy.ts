// The allow-list of what a deployment may contain (deployment/deployment-policy.json), typed. The engine's own
// guard reads the same file (copied into its jar), so our checks and the engine's refuse the same things.
import policy from '../deployment-policy.json' with { type: 'json' };

/** How an attribute's value or an element's text is checked (see the JSON's $comment). */
export type ValueKind = 'text' | 'ref' | 'literal' | 'expression' | 'timeCycle' | 'formKey' | 'formalExpression' | 'none' | `enum:${string}`;

export interface ElementRule {
  attrs: Record<string, ValueKind>;
  text: ValueKind;
  async?: boolean;
  required?: string[];
}

export interface RefusedRule {
  elements: string[];
  attributes: string[];
  message: string;
}

export interface DeploymentPolicy {
  maxResourceBytes: number;
  maxDeploymentBytes: number;
  resourceSuffixes: string[];
  minTimerCycleSeconds: number;
  expression: { reservedWords: string[]; functions: string[]; forbiddenIdentifiers: string[] };
  feel: { forbiddenKeywords: string[]; operatorWords: string[]; functions: string[] };
  bpmn: {
    namespaces: Record<string, string>;
    refused: Record<string, RefusedRule>;
    common: { attrs: Record<string, ValueKind> };
    asyncAttrs: Record<string, ValueKind>;
    elements: Record<string, ElementRule>;
  };
  dmn: { feelLanguages: string[]; feelTextElements: string[]; refusedElements: string[]; message: string };
  form: { componentTypes: string[]; buttonActions: string[]; maxPatternLength: number };
}

export const DEPLOYMENT_POLICY = policy as unknown as DeploymentPolicy;

/** A finding of the policy: which rule, on which element ('' for the file as a whole), in a sentence. */
export interface PolicyFinding {
  rule: string;
  elementId: string;
  message: string;
}
