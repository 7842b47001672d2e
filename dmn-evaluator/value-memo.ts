// Results remembered per a fixed-length list of FEEL values, in nested maps: no key string is built for the common
// case of plain values (a JSON key per lookup was most of the cost of a hit). Two values are the same key when
// JSON would write them the same: undefined is null, and lists and contexts are compared by their JSON text.
// Bounded like remember.ts (emptied at its limit); and it stops looking up for a while when lookups hardly ever
// hit — a decision that reads each month's age and wage sees every combination once, and filling a memo nobody
// reads again costs more than the evaluation it would save.
import type { FeelValue } from './feel-value.ts';

const LIMIT = 10_000;
/** Lookups judged at a time; below one hit in HIT_SHARE of them, the memo rests for REST_WINDOWS windows. */
const WINDOW = 4096;
const HIT_SHARE = 8;
const REST_WINDOWS = 16;

type Level = Map<unknown, unknown>;

/** Plain values key a map as they are; a list or context by its JSON text, in a map of its own. */
function slot(level: Level, value: FeelValue | undefined, create: boolean): Level | undefined {
  if (value === undefined) value = null;
  const structured = typeof value === 'object' && value !== null;
  const owner = structured ? ((level.get(STRUCTURED) as Level | undefined) ?? (create ? setNew(level, STRUCTURED) : undefined)) : level;
  if (!owner) return undefined;
  const key = structured ? JSON.stringify(value) : value;
  return (owner.get(key) as Level | undefined) ?? (create ? setNew(owner, key) : undefined);
}

const STRUCTURED = Symbol('structured values');
const RESULT = Symbol('result');

function setNew(level: Level, key: unknown): Level {
  const next: Level = new Map();
  level.set(key, next);
  return next;
}

export class ValueMemo<T> {
  private root: Level = new Map();
  private size = 0;
  private lookups = 0;
  private hits = 0;
  private resting = 0;

  /** With `adaptive` false it never rests: for memos whose every entry is cheap to find again. */
  constructor(private readonly adaptive = true) {}

  /** The remembered result, or undefined (also while resting). */
  get(values: readonly (FeelValue | undefined)[]): T | undefined {
    if (this.resting > 0) {
      this.resting -= 1;
      return undefined;
    }
    let level: Level | undefined = this.root;
    for (let i = 0; i < values.length && level; i++) level = slot(level, values[i], false);
    const found = level?.get(RESULT) as T | undefined;
    if (this.adaptive) this.judge(found !== undefined);
    return found;
  }

  set(values: readonly (FeelValue | undefined)[], result: T): T {
    if (this.resting > 0) return result;
    if (this.size >= LIMIT) {
      this.root = new Map();
      this.size = 0;
    }
    let level: Level = this.root;
    for (const value of values) level = slot(level, value, true)!;
    if (!level.has(RESULT)) this.size += 1;
    level.set(RESULT, result);
    return result;
  }

  private judge(hit: boolean): void {
    this.lookups += 1;
    if (hit) this.hits += 1;
    if (this.lookups < WINDOW) return;
    if (this.hits * HIT_SHARE < this.lookups) {
      this.resting = WINDOW * REST_WINDOWS;
      this.root = new Map();
      this.size = 0;
    }
    this.lookups = 0;
    this.hits = 0;
  }
}
