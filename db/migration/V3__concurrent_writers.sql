-- Writers no longer hold one lock until commit. A writer takes its resourceVersion inside a short critical section
-- (a session advisory lock held only for that statement) and, in the same section, a transaction-scoped advisory
-- lock named after the version, which PostgreSQL releases only once the transaction's outcome is visible. The change
-- feed's reader enters the same critical section to read the sequence and the versions still in flight: every
-- version below the oldest one in flight is then committed or rolled back, so the feed can deliver up to it in order
-- while writers commit (and fsync) concurrently.
create function take_resource_version() returns bigint language plpgsql as $$
declare
    v bigint;
begin
    perform pg_advisory_lock(727001);
    begin
        v := nextval('resource_version_seq');
        perform pg_advisory_xact_lock_shared((v >> 31)::int, (v & 2147483647)::int);
    exception when others then
        perform pg_advisory_unlock(727001);
        raise;
    end;
    perform pg_advisory_unlock(727001);
    return v;
end;
$$;

-- The newest version handed out, and the oldest version whose transaction has not ended (null when none).
create function change_feed_horizon(out last_version bigint, out oldest_in_flight bigint) language plpgsql as $$
begin
    perform pg_advisory_lock(727001);
    select case when is_called then last_value else 0 end into last_version from resource_version_seq;
    select min((l.classid::bigint << 31) | l.objid::bigint) into oldest_in_flight
      from pg_locks l
     where l.locktype = 'advisory' and l.objsubid = 2
       and l.database = (select oid from pg_database where datname = current_database());
    perform pg_advisory_unlock(727001);
end;
$$;

-- Every statement that appends to the change feed wakes every instance's listener when its transaction commits
-- (notifications are transactional and folded per transaction), so writers need no extra round trip.
create function notify_changes() returns trigger language plpgsql as $$
begin
    perform pg_notify('ordinal_changes', '');
    return null;
end;
$$;

create trigger change_log_notify after insert on change_log for each statement execute function notify_changes();
