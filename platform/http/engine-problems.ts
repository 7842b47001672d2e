// The engine as the API's routes meet it: none configured, or not answering, is a 503 the client can act on —
// never a 500 with the engine's internals. Every route that calls the engine turns its trouble into these.
import { EngineUnavailable, type EngineRest } from '../engine-rest.ts';
import { Problem } from '../problem.ts';

/** The engine, or 503 when none is configured (an API started without one). */
export function requireEngine(engine: EngineRest | undefined): EngineRest {
  if (!engine) throw new Problem(503, '流程引擎不可用', 'no engine is configured');
  return engine;
}

/** An engine that does not answer as a 503; any other error is left as it is. */
export function engineProblem(error: unknown): unknown {
  if (error instanceof EngineUnavailable) return new Problem(503, '流程引擎暂时不可用，请稍后再试', error.message);
  return error;
}
