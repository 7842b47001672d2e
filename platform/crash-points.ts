// Crash points for the fault suite (`npm run chaos`): named places where a process may be killed on purpose, to
// prove that what it did before and what it had not yet done stay consistent. A point kills the process with
// SIGKILL — no handler runs, as when the machine loses power — when FAULT_INJECTION_CRASH_POINT names it, and is a
// no-op otherwise. The setting is refused when NODE_ENV=production (platform/config.ts).
import { loadConfig } from './config.ts';

/** The crash points placed in the code, each named after where it sits. */
export const CRASH_POINTS = ['outbox-after-engine-call'] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

let armed: string | undefined;

export function crashPoint(name: CrashPoint): void {
  armed ??= loadConfig().faultInjectionCrashPoint;
  if (armed === name) process.kill(process.pid, 'SIGKILL');
}
