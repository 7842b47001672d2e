// One page of a supervision list: its LIMIT and OFFSET as parameters added to the query's.

export interface Page {
  limit: number;
  offset: number;
}

export function pageClause(params: unknown[], page: Page): string {
  return `limit $${params.push(page.limit)} offset $${params.push(page.offset)}`;
}
