-- The filing search (GET /api/filings: filings/filing-store.ts with platform/http/access.ts's scope) at a season's
-- size. Measured by `npm run bench:dashboard` over 1 000 000 filings: without these a city's search read ~100 000
-- buffers through a bitmap AND of the status and employer indexes (p95 2.6 s); with them the count is an index-only
-- scan and the page an ordered index scan that stops after it (p95 under 0.1 s). One per scope the search has — a
-- county's clerks (the handling or the receiving county), a city (left(…, 4)), the province (left(…, 2)) — each with
-- the year, the status when asked, and the list's order. The expression indexes carry handling_region_code (include)
-- because PostgreSQL plans an index-only scan only when every column the query names is in the index.
create index if not exists filings_search_handling on filings (handling_region_code, year, status, created_at desc, id);
create index if not exists filings_search_receiving on filings (receiving_region_code, year, status, created_at desc, id);
create index if not exists filings_search_city on filings (left(handling_region_code, 4), year, created_at desc, id) include (handling_region_code);
create index if not exists filings_search_city_status on filings (left(handling_region_code, 4), year, status, created_at desc, id) include (handling_region_code);
create index if not exists filings_search_province on filings (left(handling_region_code, 2), year, created_at desc, id) include (handling_region_code);
create index if not exists filings_search_province_status on filings (left(handling_region_code, 2), year, status, created_at desc, id) include (handling_region_code);
