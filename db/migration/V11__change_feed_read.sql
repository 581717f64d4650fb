-- The change feed's poll in one round trip instead of two: the horizon (as change_feed_horizon in V3), then the trim
-- horizon and the changes after `after` up to that horizon, at most `max_rows` of them in resourceVersion order. The
-- read is a later statement than the horizon's and takes its own snapshot (read committed, volatile function), so it
-- sees every version the horizon says has ended. Every row carries the horizon and the trim horizon; when there is
-- no change in the range, one row whose change columns are null.
create function change_feed_read(after bigint, max_rows int)
    returns table (up_to bigint, trimmed_through bigint, resource_version bigint, event_type text, kind text,
                   body json)
    language plpgsql as $$
declare
    last_version bigint;
    oldest_in_flight bigint;
    horizon bigint;
begin
    select h.last_version, h.oldest_in_flight into last_version, oldest_in_flight from change_feed_horizon() h;
    horizon := case when oldest_in_flight is null then last_version else least(last_version, oldest_in_flight - 1) end;
    return query
        select horizon, t.trimmed_through, l.resource_version, l.event_type, l.kind, l.body
          from change_log_horizon t
          left join lateral (select c.resource_version, c.event_type, c.kind, c.body
                               from change_log c
                              where c.resource_version > after and c.resource_version <= horizon
                              order by c.resource_version
                              limit max_rows) l on true
         where t.id = 1;
end;
$$;
