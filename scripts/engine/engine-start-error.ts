// A reason the engine cannot be built or started that a person can act on: shown as one line, never a stack trace.
export class EngineStartError extends Error {
  override name = 'EngineStartError';
}
