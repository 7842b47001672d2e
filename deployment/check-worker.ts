// The deployment checks' worker thread (check-runner.ts starts it): runs findingsOf for each request posted, one
// at a time, and answers its findings. The context is passed to findingsOf as it came.
import { serveOffThread } from '../platform/off-thread.ts';
import type { CheckRequest } from './check-runner.ts';
import { findingsOf } from './deployment-findings.ts';

serveOffThread(({ resources, context }: CheckRequest) => findingsOf(resources, context));
