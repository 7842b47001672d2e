// The window's declaration wizard: the shared wizard with the materials check and commitment as the page's own form,
// the unit prefilled from the register where the clerk has typed nothing, and the filing made (then its scans).
import { App, Form } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { commitmentMaterials } from '../../../components/filing/commitment-fields.tsx';
import { useDeclarationWizard, type CreatedFiling } from '../../../components/filing/use-declaration-wizard.ts';
import { useSession } from '../../../lib/session.tsx';
import { intakeCheckRoute, type IntakeCheckValues } from './IntakeCheckForm.tsx';
import { useUnitPrefill } from './use-unit-prefill.ts';
import { useLastYearDraft } from '../../../components/filing/use-last-year-draft.ts';

export const STEP_INTAKE = 2;
export const STEP_SCANS = 3;
const INTAKE_ROUTE = intakeCheckRoute(STEP_INTAKE);

export function useIntakeWizard() {
  const { who } = useSession();
  const { message } = App.useApp();
  const [checkForm] = Form.useForm<IntakeCheckValues>();
  const [created, setCreated] = useState<CreatedFiling | null>(null);
  const wizard = useDeclarationWizard({
    extraForm: checkForm,
    extraRoute: INTAKE_ROUTE,
    signer: { field: ['commitment', 'signer'], from: 'legalRepName' },
    // The materials check shares its step with the submit button.
    checkExtraOnSubmit: true,
    partsOf: () => {
      const v = checkForm.getFieldsValue(true) as IntakeCheckValues;
      const complete = v.windowIntake?.materialsComplete;
      return {
        channel: 'window',
        ...(who?.regionCode ? { receivingRegionCode: who.regionCode } : {}),
        windowIntake: {
          materialsComplete: complete === true,
          ...(complete === false ? { missingMaterials: (v.windowIntake.missingMaterials ?? '').trim() } : {}),
        },
        commitment: {
          signer: (v.commitment?.signer ?? '').trim(),
          signedAt: v.commitment?.signedAt ? v.commitment.signedAt.format('YYYY-MM-DD') : '',
          accepted: v.commitment?.accepted === true,
          ...(v.commitment?.materials?.length ? { materials: v.commitment.materials } : {}),
        },
      };
    },
    onCreated: (answer) => {
      setCreated(answer);
      wizard.setStep(STEP_SCANS);
      message.success('申报已提交，请上传纸质材料的扫描件');
      window.scrollTo({ top: 0 });
    },
    refusalOf: (error) => ({ title: error.title, messages: error.errors.filter((e) => e.message !== error.title).map((e) => e.message) }),
  });
  const { year, employerForm } = wizard;
  const uscc = Form.useWatch('uscc', employerForm) as string | undefined;
  const prefill = useUnitPrefill(uscc, year);
  // 上年数据导入: the unit's declaration of the year before, where this county handled it.
  const lastYear = useLastYearDraft(uscc, year);

  // Fill only what the clerk has not typed yet, nor imported from last year.
  const { startedFrom } = wizard;
  useEffect(() => {
    if (!prefill || startedFrom) return;
    const current = employerForm.getFieldsValue(true) as Record<string, unknown>;
    const blanks = Object.fromEntries(Object.entries(prefill.values).filter(([k]) => current[k] === undefined || current[k] === null || current[k] === ''));
    employerForm.setFieldsValue(blanks);
  }, [prefill, employerForm, startedFrom]);

  useEffect(() => {
    checkForm.setFieldsValue({ commitment: { materials: commitmentMaterials(year), signedAt: dayjs() } });
  }, [year, checkForm]);

  return { wizard, checkForm, created, prefill, lastYear };
}
