-- The database-wide change feed. Every write appends its change here in the same transaction, so every instance (its
-- watches, caches and controllers) sees every committed write in resourceVersion order, whoever made it. Writers hold
-- one advisory lock from taking their version to commit, so versions commit in order; a reader that waited for that
-- lock knows every version up to the sequence's value is committed or rolled back.
create table change_log (
    resource_version bigint primary key,
    event_type       text   not null,
    kind             text   not null,
    namespace        text   not null,
    name             text   not null,
    body             json   not null
);

-- Changes at or below trimmed_through may have been removed: a reader that has not seen them must list again.
create table change_log_horizon (
    id              int    primary key check (id = 1),
    trimmed_through bigint not null
);
insert into change_log_horizon (id, trimmed_through)
select 1, case when is_called then last_value else 0 end from resource_version_seq;
