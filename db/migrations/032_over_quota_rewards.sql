-- Over-quota rewards (超比例奖励, 通知 §六, docs/rewards.md): one round per city and review year, started once
-- (processes/over-quota-reward.bpmn); every certified unit of the city evaluated by the deployed decision
-- processes/over-quota-reward.dmn and kept with its evidence and reason, eligible or not; the county's confirmation
-- (or exclusion, with its reason) of each candidate, and the city's approval, which makes the rewards payable.
create table reward_rounds (
  year             integer not null check (year between 2000 and 2999),
  city_code        text not null check (city_code ~ '^33[0-9]{2}00$'),
  business_key     text not null unique,
  started_at       timestamptz not null default now(),
  -- starting: the process start is queued; confirming: the counties confirm; approving: the city decides;
  -- approved / rejected: the city's decision; none: no candidate, nothing to confirm
  state            text not null default 'starting' check (state in ('starting', 'confirming', 'approving', 'approved', 'rejected', 'none')),
  -- the deployed decision version the round was evaluated under (a round evaluated again keeps it)
  decision_id      text,
  decision_version integer,
  evaluated_at     timestamptz,
  decided_by       text,
  decided_at       timestamptz,
  decision_comment text not null default '',
  decision_task_id text unique,
  primary key (year, city_code)
);

-- One row per certified unit and year evaluated: the evidence the decision read, its answer and the reason.
create table reward_candidates (
  year               integer not null,
  uscc               text not null,
  city_code          text not null,
  county_code        text not null,
  unit_name          text not null,
  certified_count    numeric(12, 2) not null,
  required_count     numeric(12, 2) not null,
  surplus            numeric(12, 2) not null,
  ratio              numeric(12, 6) not null,
  -- consecutive years above the quota up to and including this one (filings certified here and imported history)
  years_above_quota  integer not null,
  eligible           boolean not null,
  -- ELIGIBLE | NOT_ABOVE_QUOTA | RATIO_MARGIN_NOT_MET | TOO_FEW_EMPLOYEES | TOO_FEW_YEARS | NO_RULE (rewards/reward-reasons.ts)
  reason_code        text not null,
  amount_per_person  numeric(12, 2) not null,
  amount             numeric(14, 2) not null,
  evaluated_at       timestamptz not null default now(),
  -- the county's confirmation: null until the county task is completed
  county_decision    text check (county_decision in ('confirmed', 'excluded')),
  exclusion_reason   text,
  county_decided_by  text,
  county_decided_at  timestamptz,
  county_task_id     text,
  -- pending until the city decides; approved rows are the payment sheet
  approval           text not null default 'pending' check (approval in ('pending', 'approved', 'rejected')),
  primary key (year, uscc),
  foreign key (year, city_code) references reward_rounds (year, city_code)
);
create index reward_candidates_by_region on reward_candidates (year, county_code, uscc);
