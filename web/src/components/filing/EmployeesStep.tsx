// The wizards' second step: the disabled employees, imported from the template (replacing or appending) or typed.
import { Alert, Space } from 'antd';
import { AGREEMENT_REQUEST, countsDispatchedHere } from './dispatch-agreements.ts';
import { EmployeeImport } from './EmployeeImport.tsx';
import { EmployeeTable } from './EmployeeTable.tsx';
import { rowsFrom } from './employee-rows.ts';
import type { DeclarationWizard } from './use-declaration-wizard.ts';

export function EmployeesStep({ wizard }: { wizard: Pick<DeclarationWizard, 'year' | 'rows' | 'setRows' | 'showAll' | 'listError'> }) {
  const { year, rows, setRows, showAll, listError } = wizard;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <EmployeeImport
        year={year}
        hasRows={rows.some((r) => Object.keys(r.values).length > 0)}
        onImported={(employees, mode) =>
          setRows((current) => {
            const kept = current.filter((r) => Object.keys(r.values).length > 0);
            return mode === 'append' ? [...kept, ...rowsFrom(employees)] : rowsFrom(employees);
          })
        }
      />
      <EmployeeTable rows={rows} onChange={setRows} year={year} showAll={showAll} listError={listError} />
      {countsDispatchedHere(rows.map((r) => r.values)) && (
        <Alert type="info" showIcon title="劳务派遣协议" description={AGREEMENT_REQUEST} data-testid="dispatch-agreement-request" />
      )}
    </Space>
  );
}
