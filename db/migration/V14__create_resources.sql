-- Several creates in one round trip, each as create_resource (V12) in a block of its own (a subtransaction, as a
-- savepoint): one that fails is undone alone, its version released. The answer has a row per item tried, in order:
-- its version (or create_resource's negative answer for a missing or terminating namespace), or the SQLSTATE and
-- constraint of its failure. Items after one that failed are not tried, as a controller stops at its first failed
-- create; a name already taken stops them only when the item says so (exists_ok false).
create function create_resources(p_items json, p_placeholder text)
    returns table (item int, taken bigint, error_state text, error_constraint text)
    language plpgsql as $$
declare
    i int := 0;
    it json;
    v bigint;
    st text;
    cn text;
begin
    for it in select value from json_array_elements(p_items) loop
        i := i + 1;
        begin
            v := create_resource(it ->> 'kind', it ->> 'namespace', it ->> 'name', it ->> 'uid', it ->> 'body',
                                 p_placeholder, it ->> 'changeNamespace', (it ->> 'checkNamespace')::boolean);
            item := i; taken := v; error_state := null; error_constraint := null;
            return next;
            if v < 0 then
                return;
            end if;
        exception when others then
            get stacked diagnostics st = returned_sqlstate, cn = constraint_name;
            item := i; taken := null; error_state := st; error_constraint := cn;
            return next;
            if not (st = '23505' and cn = 'resource_identity' and (it ->> 'existsOk')::boolean) then
                return;
            end if;
        end;
    end loop;
end;
$$;
