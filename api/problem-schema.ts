// The body of every error answer (application/problem+json, RFC 9457): platform/problem.ts's Problem as it is sent.
export const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string', description: '一句话说明（Accept-Language: en 时为英文） / what went wrong, in Chinese or English' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    code: { type: 'string', description: '问题代码 / the problem code, where the problem as a whole has one' },
    errors: {
      type: 'array',
      description: '每个字段的问题 / every field problem at once',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'code', 'message'],
        properties: {
          path: { type: 'string', description: 'JSON Pointer of the field in the request' },
          code: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
  },
} as const;
