// The employer's declaration wizard: the shared wizard with the commitment letter as the page's own form, the unit
// prefilled from its registers, and, once filed, the filing's page.
import { App, Form } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { commitmentMaterials } from '../../../components/filing/commitment-fields.tsx';
import type { ExtraFormRoute } from '../../../components/filing/declaration-errors.ts';
import { useDeclarationWizard } from '../../../components/filing/use-declaration-wizard.ts';
import { useSession } from '../../../lib/session.tsx';
import type { CommitmentValues } from './CommitmentStep.tsx';
import { useEmployerPrefill } from './use-employer-prefill.ts';
import { useExistingFiling } from './use-existing-filing.ts';
import { useLastYearDraft } from '../../../components/filing/use-last-year-draft.ts';

export const STEP_COMMITMENT = 2;
export const STEP_CONFIRM = 3;
const COMMITMENT_FIELDS = new Set(['signer', 'accepted', 'materials']);
// The letter's fields take its refusals (the letter as a whole: the box to tick); the rest is listed at the last look.
const COMMITMENT_ROUTE: ExtraFormRoute = {
  parts: ['commitment'],
  fieldOf: (_part, field = 'accepted') => (COMMITMENT_FIELDS.has(field) ? field : undefined),
  step: STEP_COMMITMENT,
  unplacedStep: STEP_CONFIRM,
};

export function useNewFilingWizard() {
  const { who } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const prefill = useEmployerPrefill(who?.uscc);
  const [commitmentForm] = Form.useForm<CommitmentValues>();
  const signedAt = dayjs().format('YYYY-MM-DD');
  const wizard = useDeclarationWizard({
    extraForm: commitmentForm,
    extraRoute: COMMITMENT_ROUTE,
    signer: { field: 'signer', from: 'handlerName' },
    partsOf: () => {
      const c = commitmentForm.getFieldsValue(true) as Partial<CommitmentValues>;
      const materials = [...(c.materials ?? []), ...(c.otherMaterial?.trim() ? [c.otherMaterial.trim()] : [])];
      return {
        channel: 'online',
        commitment: { signer: (c.signer ?? '').trim(), signedAt, accepted: c.accepted === true, ...(materials.length > 0 ? { materials } : {}) },
      };
    },
    onCreated: (created) => {
      message.success('申报已提交，系统正在审核');
      navigate(`/portal/filings/${created.id}`);
    },
    refusalOf: (error) => {
      if (error.body.code === 'FILING_EXISTS') {
        // Called on a refusal, long after `existing` below is set.
        existing.showRefused(String(error.body.filingId));
        return { title: error.title, messages: [] };
      }
      const detail = typeof error.body.detail === 'string' ? [error.body.detail] : [];
      return { title: error.title, messages: error.errors.length > 0 ? error.errors.map((e) => e.message) : detail };
    },
  });
  const { year, employerForm } = wizard;
  const existing = useExistingFiling(year);
  // 上年数据导入: the unit's declaration of the year before, if it has one.
  const lastYear = useLastYearDraft(who?.uscc, year);

  // A prefill that arrives after 从上年数据导入 does not overwrite what was imported.
  const { startedFrom } = wizard;
  useEffect(() => {
    if (prefill && !startedFrom) employerForm.setFieldsValue(prefill.values);
  }, [prefill, employerForm, startedFrom]);

  useEffect(() => {
    commitmentForm.setFieldsValue({ materials: commitmentMaterials(year) });
  }, [year, commitmentForm]);

  return { wizard, commitmentForm, prefill, signedAt, existing: existing.existing, lastYear };
}
