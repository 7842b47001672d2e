// A section of the supervision page: a heading, its export and print-friendly frame (kept on one sheet where it fits).
import { Card } from 'antd';
import type { ReactNode } from 'react';
import { useNarrowScreen } from '../../components/ResponsiveTable.tsx';

export function SupervisionSection({ title, extra, children, testId }: { title: string; extra?: ReactNode; children: ReactNode; testId: string }) {
  const narrow = useNarrowScreen();
  return (
    <Card title={title} extra={extra} size={narrow ? 'small' : 'default'} className="sv-section" data-testid={testId} styles={{ body: { display: 'flex', flexDirection: 'column', gap: 16 } }}>
      {children}
    </Card>
  );
}

/** Figures side by side, as many as the width takes. */
export function FigureGrid({ children }: { children: ReactNode }) {
  return <div className="sv-figures">{children}</div>;
}

/** One figure: its name, the number (which opens its filings) and what it means. */
export function FigureTile({ label, hint, children, testId }: { label: string; hint?: string; children: ReactNode; testId?: string }) {
  return (
    <div className="sv-figure" title={hint} data-testid={testId}>
      <div className="sv-figure-label">{label}</div>
      <div className="sv-figure-value">{children}</div>
      {hint && <div className="sv-figure-hint">{hint}</div>}
    </div>
  );
}

/** Charts two abreast at a desk, one under another on a phone or paper. */
export function ChartGrid({ children }: { children: ReactNode }) {
  return <div className="sv-charts">{children}</div>;
}

/** A chart under its caption; the hint (how to open the filings) stays off paper. */
export function ChartBox({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <figure className="sv-chart-box">
      <figcaption>
        {title}
        {hint && <span className="sv-no-print sv-chart-hint">（{hint}）</span>}
      </figcaption>
      {children}
    </figure>
  );
}
