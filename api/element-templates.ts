// The contract of GET /api/element-templates: the Camunda 7 element templates (Operaton dialect) the modeler's
// template chooser offers, one per external-task topic, as the topic modules declare them.
import type { FromSchema } from 'json-schema-to-ts';
import type { Role } from '../platform/http/identity.ts';
import { forbidden, unauthenticated } from './common-problems.ts';
import type { RouteContract } from './route-contract.ts';

/** Who uses the modeler: policy staff who change the diagrams, the province who oversees them, operators who run them. */
export const MODELER_USERS: readonly Role[] = ['policy', 'province', 'operator'];

/** One template as its file holds it (the element templates schema of Camunda 7); only what the chooser relies on is pinned. */
export const elementTemplateSchema = {
  type: 'object',
  required: ['$schema', 'id', 'name', 'appliesTo', 'properties'],
  properties: {
    $schema: { type: 'string' },
    id: { type: 'string', description: '模板标识 / template id' },
    version: { type: 'integer' },
    name: { type: 'string', description: '选择器中显示的名称 / the name the chooser shows' },
    description: { type: 'string' },
    appliesTo: { type: 'array', items: { type: 'string' } },
    keywords: { type: 'array', items: { type: 'string' } },
    properties: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'binding'],
        properties: { type: { type: 'string' }, binding: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } } },
      },
    },
  },
} as const;

export const elementTemplateListSchema = { type: 'array', items: elementTemplateSchema } as const;
export type ElementTemplate = FromSchema<typeof elementTemplateSchema>;

export const elementTemplateContracts: readonly RouteContract[] = [
  {
    method: 'get',
    path: '/api/element-templates',
    operationId: 'listElementTemplates',
    tag: 'deployment',
    summary: { zh: '流程编辑器可选用的元素模板', en: "The element templates the modeler's chooser offers" },
    description: {
      zh: '每个外部任务主题一个模板（部门核验在前，按流程顺序），与本系统的任务处理程序一一对应。',
      en: 'One template per external-task topic our workers serve, the department checks first, in the order the process runs them.',
    },
    callers: MODELER_USERS,
    responses: { 200: { description: { zh: '模板列表', en: 'the templates' }, schema: elementTemplateListSchema } },
    problems: [unauthenticated, forbidden],
  },
];
