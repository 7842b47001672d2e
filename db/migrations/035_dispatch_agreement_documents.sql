-- 劳务派遣协议: the written agreement between a dispatch agency and the host unit (财税〔2015〕72号 art. 8) saying
-- which of them counts a dispatched disabled worker, uploaded to a filing as its own kind of document. Its
-- employee_index names a dispatched worker of the agency it is with; it covers every worker of that agency.
alter table documents drop constraint documents_kind_check;
alter table documents add constraint documents_kind_check check (kind in ('scan', 'evidence', 'other', 'dispatch_agreement'));
