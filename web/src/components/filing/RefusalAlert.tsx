// A refused declaration's messages above the wizard: the first fifteen, then how many more.
import { Alert } from 'antd';
import type { Refusal } from './use-declaration-wizard.ts';

const SHOWN = 15;

export function RefusalAlert({ refusal, onClose, testId }: { refusal: Refusal; onClose: () => void; testId: string }) {
  return (
    <Alert
      type="error"
      showIcon
      closable={{ onClose }}
      data-testid={testId}
      title={refusal.title}
      description={
        refusal.messages.length > 0 && (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {refusal.messages.slice(0, SHOWN).map((m, i) => (
              <li key={i}>{m}</li>
            ))}
            {refusal.messages.length > SHOWN && <li>……另有 {refusal.messages.length - SHOWN} 处</li>}
          </ul>
        )
      }
    />
  );
}
