// Results remembered by key, in a map that is emptied when it reaches its bound: decisions see a few combinations
// per filing and many across a season, so memory stays bounded without bookkeeping per entry.
const MEMO_LIMIT = 10_000;

export function remember<T>(memo: Map<string, T>, key: string, value: T): T {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}
