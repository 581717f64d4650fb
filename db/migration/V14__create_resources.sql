-- Several creates in one round trip, each as create_resource (V12) in a block of its own (a subtransaction, as a
-- savepoint): one that fails is undone alone, its version released. The answer has a row per item tried, in order:
-- its version (or create_resource's negative answer for a missing or terminating namespace), or the SQLSTATE and
-- constraint of its failure. Items after one that failed are not tried, as a controller stops at its first failed
-- create; a name already taken stops them only when the item says so (exists_ok false). The items come as arrays,
-- one element each, so that nothing is parsed twice.
create function create_resources(p_kinds text[], p_namespaces text[], p_names text[], p_uids text[], p_bodies text[],
                                 p_change_namespaces text[], p_check_namespaces boolean[], p_exists_ok boolean[],
                                 p_placeholder text)
    returns table (item int, taken bigint, error_state text, error_constraint text)
    language plpgsql as $$
declare
    v bigint;
    st text;
    cn text;
begin
    for i in 1 .. coalesce(array_length(p_kinds, 1), 0) loop
        begin
            v := create_resource(p_kinds[i], p_namespaces[i], p_names[i], p_uids[i], p_bodies[i], p_placeholder,
                                 p_change_namespaces[i], p_check_namespaces[i]);
            item := i; taken := v; error_state := null; error_constraint := null;
            return next;
            if v < 0 then
                return;
            end if;
        exception when others then
            get stacked diagnostics st = returned_sqlstate, cn = constraint_name;
            item := i; taken := null; error_state := st; error_constraint := cn;
            return next;
            if not (st = '23505' and cn = 'resource_identity' and p_exists_ok[i]) then
                return;
            end if;
        end;
    end loop;
end;
$$;
