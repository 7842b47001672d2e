// Indexes the filing search (GET /api/filings, filings/filing-store.ts listFilings with platform/http/access.ts
// filingScopeSql) needs at a season's size: for each scope — a county's clerk (handling or receiving county), a city
// (left(handling_region_code, 4)), the province (left(…, 2)) — the year, the status when one is asked, and the order
// of the list, so the count is an index-only scan and the page an ordered index scan that stops after it. The
// expression indexes carry handling_region_code (INCLUDE) because PostgreSQL considers an index-only scan only when
// every column the query names is in the index. They belong in a migration; `bench:dashboard -- --proposed-indexes`
// makes them in the seeded database to measure the search with them.
export const PROPOSED_FILING_SEARCH_INDEXES: readonly string[] = [
  'create index if not exists filings_search_handling on filings (handling_region_code, year, status, created_at desc, id)',
  'create index if not exists filings_search_receiving on filings (receiving_region_code, year, status, created_at desc, id)',
  'create index if not exists filings_search_city on filings (left(handling_region_code, 4), year, created_at desc, id) include (handling_region_code)',
  'create index if not exists filings_search_city_status on filings (left(handling_region_code, 4), year, status, created_at desc, id) include (handling_region_code)',
  'create index if not exists filings_search_province on filings (left(handling_region_code, 2), year, created_at desc, id) include (handling_region_code)',
  'create index if not exists filings_search_province_status on filings (left(handling_region_code, 2), year, status, created_at desc, id) include (handling_region_code)',
];
