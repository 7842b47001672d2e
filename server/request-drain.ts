// Graceful stop of the API: once stopping, a request arriving on a connection still open is answered 503 (new
// connections are refused by the closed listener), while the requests in flight are counted until they end — the
// stop waits for them up to SHUTDOWN_GRACE_MS, then closes what is left.
import type { NextFunction, Request, Response } from 'express';
import { Problem } from '../platform/problem.ts';

/** Still answered while stopping, so a load balancer learns the service is going (it says not ready). */
const ANSWERED_WHILE_STOPPING = new Set(['/api/health']);

export class RequestDrain {
  private inFlight = 0;
  private stopping = false;
  private idle: (() => void)[] = [];

  /** Counts each request until its response ends or its connection closes; refuses new ones once stopping. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      if (this.stopping && !ANSWERED_WHILE_STOPPING.has(req.path)) {
        res.set('Connection', 'close');
        next(new Problem(503, '服务正在停止，请稍后再试', undefined, undefined, undefined, { code: 'SHUTTING_DOWN' }));
        return;
      }
      this.inFlight++;
      res.once('close', () => {
        this.inFlight--;
        if (this.inFlight === 0) for (const wake of this.idle.splice(0)) wake();
      });
      // Kept-alive connections are not reused after the answer: the listener is about to close.
      if (this.stopping) res.set('Connection', 'close');
      next();
    };
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /** Stops taking requests; resolves when those in flight have ended, or after `graceMs` with how many had not. */
  async drain(graceMs: number): Promise<number> {
    this.stopping = true;
    if (this.inFlight === 0) return 0;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.idle.push(resolve)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs))),
    ]);
    clearTimeout(timer);
    return this.inFlight;
  }
}
