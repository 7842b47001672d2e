// The project's element templates (one per external-task topic) as the modeler offers them in its template
// chooser. The files stay where the workers and connectors keep them (`connectors/*/element-template.json`,
// `workers/element-templates/*.json`, checked by test/unit/element-templates.test.ts); this only adapts them.
import dpf from '../../connectors/dpf/element-template.json' with { type: 'json' };
import hrss from '../../connectors/hrss/element-template.json' with { type: 'json' };
import medical from '../../connectors/medical/element-template.json' with { type: 'json' };
import nationalPlatform from '../../connectors/national-platform/element-template.json' with { type: 'json' };
import registration from '../../connectors/registration/element-template.json' with { type: 'json' };
import tax from '../../connectors/tax/element-template.json' with { type: 'json' };
import veterans from '../../connectors/veterans/element-template.json' with { type: 'json' };
import wages from '../../connectors/wages/element-template.json' with { type: 'json' };
import computeDueDate from '../../workers/element-templates/compute-due-date.json' with { type: 'json' };
import countEmployees from '../../workers/element-templates/count-employees.json' with { type: 'json' };
import issueCertificate from '../../workers/element-templates/issue-certificate.json' with { type: 'json' };
import notify from '../../workers/element-templates/notify.json' with { type: 'json' };
import recordDispute from '../../workers/element-templates/record-dispute.json' with { type: 'json' };
import recordFilingStatus from '../../workers/element-templates/record-filing-status.json' with { type: 'json' };
import recordManualDecision from '../../workers/element-templates/record-manual-decision.json' with { type: 'json' };
import remindUnfiledUnits from '../../workers/element-templates/remind-unfiled-units.json' with { type: 'json' };
import selectDisputedEmployee from '../../workers/element-templates/select-disputed-employee.json' with { type: 'json' };
import reportToNationalPlatform from '../../workers/element-templates/report-to-national-platform.json' with { type: 'json' };
import { forModeler, type TemplateFile } from './template-bindings.ts';

/** Every template file, in the order the chooser lists them: the department checks first, as the process runs. */
export const TEMPLATE_FILES: TemplateFile[] = [
  registration,
  dpf,
  veterans,
  hrss,
  medical,
  wages,
  countEmployees,
  recordFilingStatus,
  recordDispute,
  selectDisputedEmployee,
  recordManualDecision,
  computeDueDate,
  notify,
  issueCertificate,
  tax,
  nationalPlatform,
  reportToNationalPlatform,
  remindUnfiledUnits,
];

export const ELEMENT_TEMPLATES = TEMPLATE_FILES.map(forModeler);
