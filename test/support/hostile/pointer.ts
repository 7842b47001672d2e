// JSON pointers (RFC 6901) over plain JSON values, for mutating a valid filing field by field.

export type Json = any;

export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function tokensOf(pointer: string): string[] {
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, pointer: string): { parent: Json; key: string } {
  const tokens = tokensOf(pointer);
  const key = tokens.pop() as string;
  let parent = doc;
  tokens.forEach((t, i) => {
    // A missing container is made as the next token asks: an array before an index, an object otherwise.
    const next = i + 1 < tokens.length ? tokens[i + 1] : key;
    if (parent[t] === undefined || parent[t] === null || typeof parent[t] !== 'object') parent[t] = /^\d+$/.test(next as string) ? [] : {};
    parent = parent[t];
  });
  return { parent, key };
}

export function getAt(doc: Json, pointer: string): Json {
  return tokensOf(pointer).reduce((v, t) => (v === undefined || v === null ? undefined : v[t]), doc);
}

export function setAt(doc: Json, pointer: string, value: Json): void {
  const { parent, key } = parentOf(doc, pointer);
  // defineProperty, so "__proto__" becomes an own key as JSON.parse would make it.
  Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
}

export function deleteAt(doc: Json, pointer: string): void {
  const { parent, key } = parentOf(doc, pointer);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
}
