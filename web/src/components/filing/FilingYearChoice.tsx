// The review year a wizard files for: a choice among the open years on a training system, the year itself otherwise
// (and once the filing is made).
import { Select, Typography } from 'antd';

export interface FilingYearChoiceProps {
  year: number;
  /** The years one may choose from; null when the year is fixed. */
  openYears: number[] | null;
  onChange: (year: number) => void;
  testId: string;
}

export function FilingYearChoice({ year, openYears, onChange, testId }: FilingYearChoiceProps) {
  if (openYears) {
    return <Select value={year} onChange={onChange} options={openYears.map((y) => ({ value: y, label: `${y} 年` }))} style={{ width: 110 }} data-testid={testId} />;
  }
  return (
    <Typography.Text strong data-testid={testId}>
      {year} 年
    </Typography.Text>
  );
}
