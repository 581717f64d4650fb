-- Writes in one round trip each.
--
-- An update in one round trip, for a writer that built the new object from the version it last saw (its informer
-- cache): lock the row only if it is still at that version, take a resourceVersion (as take_resource_version in V3),
-- put it into the body where the writer left `placeholder` (a quoted string), store the row and append its MODIFIED change. Returns the
-- new version, or null, having changed and taken nothing, when the row is gone or at another version: the writer then
-- reads the row under its lock and updates as before. Replaces three statements (lock, version, update with change).
create function update_resource_at(p_kind text, p_namespace text, p_name text, p_expected bigint, p_body text,
                                   p_placeholder text, p_change_namespace text)
    returns bigint language plpgsql as $$
declare
    row_id bigint;
    v bigint;
begin
    select id into row_id from resource
     where kind = p_kind and namespace = p_namespace and name = p_name and resource_version = p_expected
       for update;
    if row_id is null then
        return null;
    end if;
    v := take_resource_version();
    with u as (update resource set resource_version = v, body = cast(replace(p_body, p_placeholder, '"' || v || '"') as json)
                where id = row_id returning body)
    insert into change_log (resource_version, event_type, kind, namespace, name, body)
    select v, 'MODIFIED', p_kind, p_change_namespace, p_name, body from u;
    return v;
end;
$$;

-- A create in one round trip: refuses (-1) when the namespace to create in is missing and (-2) when it is being
-- deleted, taking no version; otherwise takes a version, puts it into the body where the writer left `placeholder`,
-- stores the row and appends its ADDED change, and returns the version. A taken name fails on resource_identity.
-- Replaces two statements (version with the namespace check, insert with change).
create function create_resource(p_kind text, p_namespace text, p_name text, p_uid text, p_body text,
                                p_placeholder text, p_change_namespace text, p_check_namespace boolean)
    returns bigint language plpgsql as $$
declare
    ns_terminating boolean;
    v bigint;
begin
    if p_check_namespace then
        select body -> 'metadata' ->> 'deletionTimestamp' is not null into ns_terminating
          from resource where kind = 'Namespace' and namespace = '' and name = p_namespace;
        if not found then
            return -1;
        end if;
        if ns_terminating then
            return -2;
        end if;
    end if;
    v := take_resource_version();
    with r as (insert into resource (kind, namespace, name, uid, resource_version, body)
               values (p_kind, p_namespace, p_name, p_uid, v,
                       cast(replace(p_body, p_placeholder, '"' || v || '"') as json))
               returning body)
    insert into change_log (resource_version, event_type, kind, namespace, name, body)
    select v, 'ADDED', p_kind, p_change_namespace, p_name, body from r;
    return v;
end;
$$;
