-- The staff register (人员名册, notice §四): everyone who works on the review at a DPF holds a post certificate
-- (持证上岗) and has signed the confidentiality agreement (信息安全保密协议). The sign-in looks a person up here by the
-- identity provider's subject; one whose certificate has expired or who has no agreement on file may sign in but not
-- claim or complete tasks nor read personal data (staff/staff-standing.ts).
create table staff_members (
  -- The identity provider's subject (or login name): who the audit trail names.
  sub                     text primary key check (sub ~ '^[A-Za-z0-9._@:-]{1,128}$'),
  name                    text not null check (char_length(name) between 1 and 40),
  roles                   text[] not null check (
                            cardinality(roles) between 1 and 7
                            and roles <@ array['clerk', 'reviewer', 'lead', 'city', 'province', 'policy', 'operator']::text[]),
  -- A county for county staff, the city's xxxx00 for city staff, 330000 for the province, policy and operators.
  region_code             text not null check (region_code ~ '^33\d{4}$'),
  -- 上岗证: its number and the last day it is valid; a person not yet certified has neither.
  certificate_number      text check (certificate_number ~ '^[0-9A-Z][0-9A-Z-]{4,30}[0-9A-Z]$'),
  certificate_expires_on  date,
  -- 保密协议签订日期; null while none is on file.
  agreement_signed_on     date,
  active                  boolean not null default true,
  created_at              timestamptz not null default now(),
  created_by              text not null,
  updated_at              timestamptz not null default now(),
  updated_by              text not null,
  check ((certificate_number is null) = (certificate_expires_on is null))
);
-- One certificate, one person.
create unique index staff_members_certificate_number on staff_members (certificate_number) where certificate_number is not null;
-- A city's or county's people, for the register's list.
create index staff_members_by_region on staff_members (region_code, sub);
-- The daily reminder: certificates of active people expiring soon.
create index staff_members_by_expiry on staff_members (certificate_expires_on, sub) where active and certificate_expires_on is not null;
