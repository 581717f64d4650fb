-- Nothing lists objects by kind and namespace in the database any more (lists come from the informer cache), and the
-- unique (kind, namespace, name) index serves every prefix of it. Kept, this index let the planner answer a lookup by
-- name through (kind, namespace) and read every object of the namespace to find one.
drop index resource_kind_ns;
