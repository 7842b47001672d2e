// A filing (docs/contracts.md §1): submit, read one with its history and review, list, modify the
// declaration after approved feedback, file feedback.
import type { FromSchema } from 'json-schema-to-ts';
import type { Filing } from '../filings/declaration/filing.ts';
import { engineUnavailable, invalidRequest, jsonBodyProblems, signedIn, signedInGoodStanding } from './common-problems.ts';
import { DECLARATION_CODES, declarationSchema, declaredCommitmentSchema, declaredEmployeesSchema, declaredEmployerSchema } from './declaration.ts';
import type { ProblemResponse, RouteContract } from './route-contract.ts';

export const FILING_STATUSES = [
  'submitted', 'accepted', 'reviewing', 'awaiting_confirmation', 'disputed', 'manual_review',
  'certified', 'feedback', 'sent_to_tax', 'closed', 'returned', 'transferred', 'withdrawn',
] as const;

/** Each status as people read it (the pages, the supervision export). */
export const FILING_STATUS_NAMES: Readonly<Record<(typeof FILING_STATUSES)[number], string>> = {
  submitted: '已提交',
  accepted: '已受理',
  reviewing: '审核中',
  awaiting_confirmation: '待单位确认',
  disputed: '单位有异议',
  manual_review: '人工审核中',
  certified: '已年审认证',
  feedback: '认证反馈中',
  sent_to_tax: '已报送税务',
  closed: '已办结',
  returned: '已退回',
  transferred: '已转办',
  withdrawn: '已撤回',
};

const filingStatusSchema = { enum: FILING_STATUSES, description: '申报状态 / the filing status' } as const;
const channelSchema = { enum: ['online', 'window'], description: '网上申报或窗口申报 / online or at the service window' } as const;
const instant = { type: 'string', format: 'date-time' } as const;
const fieldErrorSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['path', 'code', 'message'],
  properties: { path: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
} as const;

export const filingIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', description: '申报编号（UUID） / the filing id (a UUID)' } },
} as const;

/** GET /api/filings: the list's filters and page. */
export const filingListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    year: { type: 'string', pattern: '^\\d{4}$' },
    status: { type: 'string', pattern: '^[a-z_]{1,32}$' },
    uscc: { type: 'string', pattern: '^[0-9A-Z]{18}$' },
    limit: { type: 'string', pattern: '^([1-9]\\d?|100)$', description: '每页条数，默认 20 / page size, 20 by default' },
    offset: { type: 'string', pattern: '^\\d{1,6}$' },
  },
} as const;

export type FilingListQuery = FromSchema<typeof filingListQuerySchema>;

/** GET /api/filings/{id}: `reveal=personal` shows whole personal numbers to the roles that may see them (audited). */
export const filingReadQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { reveal: { enum: ['personal'] } },
} as const;
export type FilingReadQuery = FromSchema<typeof filingReadQuerySchema>;

/** POST …/feedback */
export const feedbackBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: { type: 'string', minLength: 1, maxLength: 1000 } },
} as const;
export type FeedbackBody = FromSchema<typeof feedbackBodySchema>;

/** 201/200 of POST /api/filings: where the filing is, and notices (e.g. a former hukou district) that did not stop it. */
export const filingStoredSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'status', 'notices'],
  properties: { id: { type: 'string' }, status: filingStatusSchema, notices: { type: 'array', items: fieldErrorSchema } },
} as const;
export type FilingStored = FromSchema<typeof filingStoredSchema>;

export const statusEntrySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'at', 'actor', 'note', 'step'],
  properties: {
    status: filingStatusSchema,
    at: instant,
    actor: { type: 'string' },
    note: { type: ['string', 'null'] },
    step: { type: ['string', 'null'] },
  },
} as const;
export type StatusEntry = FromSchema<typeof statusEntrySchema>;

const monthResultSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['month', 'counted', 'reasons'],
  properties: { month: { type: 'string' }, counted: { type: 'boolean' }, reasons: { type: 'array', items: { type: 'string' } } },
} as const;

const explanationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'months', 'message'],
  properties: { code: { type: 'string' }, months: { type: 'array', items: { type: 'string' } }, message: { type: 'string' } },
} as const;

export const employeeReviewSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['index', 'name', 'idNumber', 'counted', 'weight', 'countedMonths', 'contribution', 'months', 'reasons', 'explanation'],
  properties: {
    index: { type: 'integer', minimum: 0 },
    name: { type: ['string', 'null'] },
    idNumber: { type: ['string', 'null'], description: '身份证号，除有权查看者外打码 / ID number, masked for most roles' },
    counted: { type: 'boolean' },
    weight: { type: 'number' },
    countedMonths: { type: 'number' },
    contribution: { type: 'number' },
    months: { type: 'array', items: monthResultSchema },
    reasons: { type: 'array', items: { type: 'string' } },
    explanation: { type: 'array', items: explanationSchema },
    manualReview: {
      type: 'object',
      description: '人工审核的决定（有时） / the manual review decision, where there was one',
      additionalProperties: false,
      required: ['decision', 'months', 'reason', 'reviewer', 'decidedAt', 'message'],
      properties: {
        decision: { enum: ['count', 'months', 'not_count'] },
        months: { type: 'array', items: { type: 'string' } },
        reason: { type: 'string' },
        reviewer: { type: 'string' },
        decidedAt: instant,
        message: { type: 'string' },
      },
    },
    automaticReasons: { type: 'array', items: { type: 'string' } },
    automaticExplanation: { type: 'array', items: explanationSchema },
    automatic: {
      type: 'object',
      description: '人工审核前自动审核的结果 / the automatic result before the manual review',
      additionalProperties: false,
      required: ['counted', 'weight', 'countedMonths', 'contribution', 'months'],
      properties: {
        counted: { type: 'boolean' },
        weight: { type: 'number' },
        countedMonths: { type: 'number' },
        contribution: { type: 'number' },
        months: { type: 'array', items: monthResultSchema },
      },
    },
  },
} as const;
export type EmployeeReview = FromSchema<typeof employeeReviewSchema>;

export const reviewSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['certifiedCount', 'requiredCount', 'shortfall', 'levyEstimate', 'employerFindings', 'employees', 'summary', 'rules', 'reviewedAt'],
  properties: {
    certifiedCount: { type: 'number' },
    requiredCount: { type: 'number' },
    quotaStaffCount: { type: 'number', description: '计算应安排人数所用的在职职工人数（含劳务派遣调整） / the staff number the quota was taken of, dispatch moves included' },
    shortfall: { type: 'number' },
    levyEstimate: {
      type: 'object',
      additionalProperties: false,
      required: ['base', 'reductionRate', 'payable', 'exempt', 'wageBase', 'wageBaseCap', 'quotaRatio', 'actualRatio', 'provisional'],
      properties: {
        base: { type: 'number' },
        reductionRate: { type: 'number' },
        payable: { type: 'number' },
        exempt: { type: 'boolean' },
        wageBase: { type: 'number' },
        wageBaseCap: { type: 'number' },
        quotaRatio: { type: 'number' },
        actualRatio: { type: 'number' },
        provisional: { type: 'boolean', description: '社会平均工资为暂定值（未找到公布数）/ the average social wage behind the cap is provisional' },
        exemptLabel: { enum: ['暂免征收', '不征收'], description: '无需缴纳的说法：企业暂免征收，或个体工商户不征收 / how an exempt estimate is worded' },
      },
    },
    employerFindings: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'source', 'message'],
        properties: { code: { type: 'string' }, source: { type: ['string', 'null'] }, message: { type: 'string' } },
      },
    },
    employees: { type: 'array', items: employeeReviewSchema },
    summary: { type: 'string' },
    rules: { type: 'object', description: '审核所依据的决策版本 / the decision versions the filing was judged under' },
    reviewedAt: instant,
  },
} as const;
export type Review = FromSchema<typeof reviewSchema>;

const feedbackItemSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'reason', 'filedAt', 'state', 'reviewNote', 'decidedAt'],
  properties: {
    id: { type: 'string' },
    reason: { type: 'string', description: '单位所写，个人证件号码打码 / as the unit wrote it, personal numbers masked' },
    filedAt: instant,
    state: { enum: ['awaiting', 'approved', 'rejected'] },
    reviewNote: { type: ['string', 'null'] },
    decidedAt: { type: ['string', 'null'] },
  },
} as const;

const ratingSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['score', 'comment', 'ratedAt', 'updatedAt'],
  properties: { score: { type: 'integer', minimum: 1, maximum: 5 }, comment: { type: ['string', 'null'] }, ratedAt: instant, updatedAt: instant },
} as const;

const feedbackWindowSchema = {
  description: '已认证时：是否可以反馈、截止到何时 / while certified: whether feedback is taken now, and until when',
  anyOf: [
    { type: 'object', additionalProperties: false, required: ['state', 'dueAt', 'provisional'], properties: { state: { const: 'open' }, dueAt: { type: ['string', 'null'] }, provisional: { type: 'boolean' } } },
    { type: 'object', additionalProperties: false, required: ['state'], properties: { state: { const: 'opening' } } },
    { type: 'object', additionalProperties: false, required: ['state', 'dueAt'], properties: { state: { const: 'closed' }, dueAt: { type: 'string' } } },
    { type: 'object', additionalProperties: false, required: ['state'], properties: { state: { const: 'not-at-this-step' } } },
    { type: 'null' },
  ],
} as const;

/** GET /api/filings/{id}, besides the declaration's parts (employer, employees, commitment: see declaration.ts). */
export const filingDetailSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id', 'status', 'year', 'channel', 'receivingRegionCode', 'handlingRegionCode', 'employer', 'employees', 'commitment', 'createdAt', 'updatedAt',
    'review', 'notices', 'discrepancies', 'history', 'feedback', 'rating', 'taxHandover', 'transfer', 'acceptance', 'departmentWait', 'feedbackWindow', 'dueDates',
  ],
  properties: {
    id: { type: 'string' },
    status: filingStatusSchema,
    year: { type: 'integer' },
    channel: channelSchema,
    receivingRegionCode: { type: 'string', description: '受理地 / where the filing was received' },
    handlingRegionCode: { type: 'string', description: '办理地（单位所在县） / the county handling it' },
    employer: { description: '申报的单位信息，法定代表人证件号码和电话打码 / the declared unit, personal numbers masked' },
    employees: { description: '申报的残疾职工，证件号码和电话打码（reveal=personal 时完整） / the declared employees, personal numbers masked unless revealed' },
    commitment: { description: '承诺 / the commitment' },
    createdAt: instant,
    updatedAt: instant,
    review: { anyOf: [reviewSchema, { type: 'null' }], description: '自动审核的结果，审核前为 null / the automatic review, null before it ran' },
    notices: { type: 'array', items: fieldErrorSchema, description: '提示（不阻止申报） / notices that did not stop the filing' },
    discrepancies: {
      type: 'array',
      description: '申报与单位基础信息的不同 / where the declaration differs from the unit master data',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['field', 'declared', 'onRecord', 'source'],
        properties: { field: { type: 'string' }, declared: { type: 'string' }, onRecord: { type: 'string' }, source: { enum: ['registration', 'master_data'] } },
      },
    },
    history: { type: 'array', items: statusEntrySchema },
    feedback: { type: 'array', items: feedbackItemSchema },
    rating: { anyOf: [ratingSchema, { type: 'null' }] },
    taxHandover: {
      anyOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['round', 'receiptId', 'pushedAt', 'consistent', 'levyCollected', 'answeredAt'],
          properties: {
            round: { type: 'integer' },
            receiptId: { type: ['string', 'null'] },
            pushedAt: instant,
            consistent: { type: ['boolean', 'null'] },
            levyCollected: { type: ['number', 'null'] },
            answeredAt: { type: ['string', 'null'] },
          },
        },
        { type: 'null' },
      ],
    },
    transfer: {
      anyOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['direction', 'transferId', 'otherRegionCode', 'at'],
          properties: { direction: { enum: ['inbound', 'outbound'] }, transferId: { type: 'string' }, otherRegionCode: { type: 'string' }, at: instant },
        },
        { type: 'null' },
      ],
    },
    acceptance: {
      description: '窗口申报材料不齐、待受理：缺少的材料与受理期限 / a window filing waiting for acceptance: what is missing and the deadline',
      anyOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['missingMaterials', 'dueAt', 'provisional'],
          properties: { missingMaterials: { type: 'string' }, dueAt: { type: ['string', 'null'] }, provisional: { type: 'boolean' } },
        },
        { type: 'null' },
      ],
    },
    departmentWait: {
      description: '等待未答复的部门：重试中或已交运维处理 / a department check that waits: retrying, or held for the operators',
      anyOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['state', 'departments'],
          properties: { state: { enum: ['retrying', 'held'] }, departments: { type: 'array', items: { type: 'string' } } },
        },
        { type: 'null' },
      ],
    },
    feedbackWindow: feedbackWindowSchema,
    dueDates: {
      type: 'array',
      description: '流程计算的工作日期限 / the working-day deadlines the process computed',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['variable', 'label', 'dueAt', 'provisional'],
        properties: { variable: { type: 'string' }, label: { type: 'string' }, dueAt: { type: 'string' }, provisional: { type: 'boolean' } },
      },
    },
    registerChanges: {
      type: 'array',
      description: '办理期间登记机关推送的单位注销、列入经营异常名录或非正常户（单位看不到） / the unit deregistered or listed while the filing was under way (not shown to the employer)',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['registrar', 'changeType', 'status', 'effectiveOn', 'recordedAt'],
        properties: {
          registrar: { enum: ['samr', 'civil', 'org'] },
          changeType: { type: 'string' },
          status: { enum: ['deregistered', 'abnormal', 'irregular'] },
          effectiveOn: { type: 'string', format: 'date' },
          recordedAt: instant,
        },
      },
    },
    dispatchClaims: {
      type: 'array',
      description: '同一劳务派遣人员同月被本申报和同年度另一份申报都计入（单位看不到） / a dispatched person counted by this and another filing of the year (not shown to the employer)',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['side', 'index', 'idNumberMasked', 'agencyUscc', 'months', 'other', 'recordedAt'],
        properties: {
          side: { enum: ['refused', 'holding'], description: 'refused：本申报后计入，该月不计入；holding：本申报先计入' },
          index: { type: 'integer', minimum: 0 },
          idNumberMasked: { type: 'string' },
          agencyUscc: { type: 'string' },
          months: { type: 'array', items: { type: 'string' } },
          other: {
            type: 'object',
            additionalProperties: false,
            required: ['filingId', 'uscc', 'unitName', 'regionCode'],
            properties: { filingId: { type: 'string' }, uscc: { type: 'string' }, unitName: { type: 'string' }, regionCode: { type: 'string' } },
          },
          recordedAt: instant,
        },
      },
    },
    escalations: {
      type: 'array',
      description: '逾期上报（单位看不到） / missed deadlines escalated (not shown to the employer)',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['title', 'body', 'recipientGroup', 'dueAt', 'createdAt', 'readAt'],
        properties: {
          title: { type: 'string' },
          body: { type: 'string' },
          recipientGroup: { type: 'string' },
          dueAt: { type: ['string', 'null'] },
          createdAt: instant,
          readAt: { type: ['string', 'null'] },
        },
      },
    },
  },
} as const;

type DeclaredParts = Pick<Filing, 'employer' | 'employees' | 'commitment'>;
/** GET /api/filings/{id}; the declaration's parts typed by filings/declaration/filing.ts, which its JSON schema mirrors. */
export type FilingDetail = Omit<FromSchema<typeof filingDetailSchema>, keyof DeclaredParts> & DeclaredParts;
export type FeedbackWindow = FilingDetail['feedbackWindow'];

/** The schema as published: the declaration's parts from filing.schema.json. */
const filingDetailPublished = {
  ...filingDetailSchema,
  properties: {
    ...filingDetailSchema.properties,
    employer: { ...declaredEmployerSchema as object, description: filingDetailSchema.properties.employer.description },
    employees: { ...declaredEmployeesSchema as object, description: filingDetailSchema.properties.employees.description },
    commitment: declaredCommitmentSchema,
  },
};

export const filingListItemSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'year', 'status', 'channel', 'employer', 'receivingRegionCode', 'employeeCount', 'createdAt'],
  properties: {
    id: { type: 'string' },
    year: { type: 'integer' },
    status: filingStatusSchema,
    channel: channelSchema,
    employer: {
      type: 'object',
      additionalProperties: false,
      required: ['uscc', 'name', 'regionCode'],
      properties: { uscc: { type: 'string' }, name: { type: 'string' }, regionCode: { type: 'string', description: '办理地 / the handling county' } },
    },
    receivingRegionCode: { type: 'string' },
    employeeCount: { type: 'integer' },
    createdAt: instant,
  },
} as const;
export type FilingListItem = FromSchema<typeof filingListItemSchema>;

export const filingListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['total', 'items'],
  properties: { total: { type: 'integer' }, items: { type: 'array', items: filingListItemSchema } },
} as const;

/** PUT …/declaration's answer: the modified declaration, masked as GET shows it. */
export const declarationModifiedSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'status', 'year', 'version', 'changed', 'employer', 'employees', 'commitment', 'updatedAt'],
  properties: {
    id: { type: 'string' },
    status: filingStatusSchema,
    year: { type: 'integer' },
    version: { type: 'integer', description: '申报表的版本，首次为 1 / the declaration version, 1 as first filed' },
    changed: { type: 'boolean', description: '是否有改动 / whether anything changed' },
    employer: declaredEmployerSchema,
    employees: declaredEmployeesSchema,
    commitment: declaredCommitmentSchema,
    updatedAt: instant,
  },
} as const;

export const feedbackFiledSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'status'],
  properties: { id: { type: 'string' }, status: { const: 'filed' } },
} as const;
export type FeedbackFiled = FromSchema<typeof feedbackFiledSchema>;

export const filingNotFound: ProblemResponse = {
  status: 404,
  description: { zh: '未找到该申报（或不在本人范围内）', en: 'No such filing in your scope' },
};

const idempotencyKey = {
  'Idempotency-Key': {
    description: { zh: '重试同一请求时使用同一个键，得到原来的结果', en: 'The same key on a retry answers as the first request did' },
  },
};

export const filingContracts: readonly RouteContract[] = [
  {
    method: 'post',
    path: '/api/filings',
    operationId: 'createFiling',
    tag: 'filings',
    summary: { zh: '提交年审申报', en: 'Submit an annual declaration' },
    description: {
      zh: '单位网上申报或窗口人员代为申报。每个单位每个年度只能有一份在办的申报。',
      en: 'An employer files online, or a clerk at the window. One active filing per unit and year.',
    },
    callers: ['employer', 'clerk'],
    request: { body: declarationSchema, headers: idempotencyKey },
    responses: {
      201: { description: { zh: '已受理，流程随即启动', en: 'Stored; its process starts' }, schema: filingStoredSchema },
      200: { description: { zh: '同一幂等键的重复请求：原来的申报', en: 'A retry with the same Idempotency-Key: the filing as taken' }, schema: filingStoredSchema },
    },
    problems: [
      ...jsonBodyProblems(DECLARATION_CODES),
      ...signedIn,
      { status: 409, description: { zh: '该单位本年度已有在办的申报（filingId 指向它）', en: 'The unit already has a filing for that year (filingId names it)' }, codes: ['FILING_EXISTS'] },
      {
        status: 422,
        description: { zh: '幂等键已用于另一份申报（IDEMPOTENCY_KEY_REUSED），或不在申报期内（无代码）', en: 'The Idempotency-Key was used for another request (IDEMPOTENCY_KEY_REUSED), or the filing season is closed (no code)' },
        codes: ['IDEMPOTENCY_KEY_REUSED'],
      },
    ],
  },
  {
    method: 'get',
    path: '/api/filings/{id}',
    operationId: 'getFiling',
    tag: 'filings',
    summary: { zh: '查看一份申报', en: 'Read one filing' },
    description: {
      zh: '申报表、状态历史、自动审核结果、反馈、评价、税务交接、期限等。个人证件号码打码；有权者可用 reveal=personal 查看完整号码（留痕）。',
      en: 'The declaration, its status history, the automatic review, feedback, rating, tax hand-over, deadlines. Personal numbers are masked; reveal=personal shows them to roles that may see them (audited).',
    },
    callers: [],
    request: { params: filingIdParams, query: filingReadQuerySchema },
    responses: { 200: { description: { zh: '申报', en: 'The filing' }, schema: filingDetailPublished } },
    problems: [invalidRequest(), ...signedInGoodStanding, filingNotFound],
  },
  {
    method: 'get',
    path: '/api/filings',
    operationId: 'listFilings',
    tag: 'filings',
    summary: { zh: '申报列表', en: 'List filings' },
    description: { zh: '本人范围内的申报，按条件筛选、分页。', en: "The filings in the caller's scope, filtered and paged." },
    callers: ['employer', 'clerk', 'reviewer', 'lead', 'city', 'province'],
    request: { query: filingListQuerySchema },
    responses: { 200: { description: { zh: '一页申报', en: 'One page of filings' }, schema: filingListSchema } },
    problems: [invalidRequest(), ...signedIn],
  },
  {
    method: 'put',
    path: '/api/filings/{id}/declaration',
    operationId: 'modifyDeclaration',
    tag: 'filings',
    summary: { zh: '修改原申报信息', en: 'Modify the declaration' },
    description: {
      zh: '反馈经残联审核同意后，单位修改原申报；之后重新审核。原样送回的打码证件号码按原申报保留。',
      en: 'Once the DPF approved the feedback, the employer replaces the declaration; the review runs again. Masked personal numbers sent back as shown are kept as filed.',
    },
    callers: ['employer'],
    request: { params: filingIdParams, body: declarationSchema },
    responses: { 200: { description: { zh: '修改后的申报（打码）', en: 'The modified declaration, masked' }, schema: declarationModifiedSchema } },
    problems: [
      ...jsonBodyProblems([...DECLARATION_CODES, 'MASKED_NOT_FILED']),
      ...signedIn,
      filingNotFound,
      { status: 409, description: { zh: '当前不能修改：须在反馈获同意后', en: 'Not now: only after approved feedback' }, codes: ['MODIFICATION_CLOSED'] },
      { status: 422, description: { zh: '单位、年度或行政区与原申报不符', en: 'Another unit, year or county than the filing' }, codes: ['DECLARATION_MISMATCH', 'FILING_UNIT_MISMATCH', 'FILING_YEAR_MISMATCH', 'FILING_REGION_MISMATCH'] },
      engineUnavailable,
    ],
  },
  {
    method: 'post',
    path: '/api/filings/{id}/feedback',
    operationId: 'fileFeedback',
    tag: 'filings',
    summary: { zh: '提出年审认证反馈', en: 'File feedback on the certification' },
    description: {
      zh: '认证后规定的工作日内，单位对认证结果提出反馈，交残联审核。',
      en: 'Within the working days after certification, the employer files feedback for the DPF to review.',
    },
    callers: ['employer'],
    request: { params: filingIdParams, body: feedbackBodySchema, headers: idempotencyKey },
    responses: { 202: { description: { zh: '已提交，送审核', en: 'Filed, on its way to the reviewer' }, schema: feedbackFiledSchema } },
    problems: [
      ...jsonBodyProblems(),
      ...signedIn,
      filingNotFound,
      {
        status: 409,
        description: { zh: '现在不能反馈：通道正在开启、已截止、不在此环节，或已有反馈在送达中', en: 'Not now: opening, closed, not at this step, or feedback already on its way' },
        codes: ['FEEDBACK_NOT_OPEN', 'FEEDBACK_CLOSED', 'FEEDBACK_NOT_AT_THIS_STEP', 'FEEDBACK_PENDING'],
      },
      { status: 422, description: { zh: '幂等键已用于另一份反馈', en: 'The Idempotency-Key was used for another feedback' }, codes: ['IDEMPOTENCY_KEY_REUSED'] },
      engineUnavailable,
    ],
  },
];
