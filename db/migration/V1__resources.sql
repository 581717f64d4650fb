-- Every Kubernetes-style object is one row: its identity in columns, its whole body as json (json, not jsonb,
-- so an object reads back with its fields in the order they were written, as Kubernetes returns them).
create sequence resource_version_seq;

create table resource (
    id               bigserial primary key,
    kind             text   not null,
    namespace        text   not null default '',
    name             text   not null,
    uid              text   not null unique,
    resource_version bigint not null,
    body             json   not null,
    constraint resource_identity unique (kind, namespace, name)
);

create index resource_kind_ns on resource (kind, namespace);

-- A volume is bound to at most one claim (by claim uid), whatever the controllers race to do.
create unique index pv_bound_to_one_claim on resource ((body -> 'spec' -> 'claimRef' ->> 'uid'))
    where kind = 'PersistentVolume' and body -> 'spec' -> 'claimRef' ->> 'uid' is not null;

-- A claim whose binding completed names exactly one volume, and no two completed claims share it.
create unique index pvc_bound_to_one_volume on resource ((body -> 'spec' ->> 'volumeName'))
    where kind = 'PersistentVolumeClaim'
      and body -> 'metadata' -> 'annotations' ->> 'pv.kubernetes.io/bind-completed' = 'yes';

-- Which node each volume is attached to. A read-write-once volume is attached to at most one node.
create table volume_attachment (
    volume_name text    not null,
    node_name   text    not null,
    exclusive   boolean not null,
    attached_at timestamptz not null default now(),
    primary key (volume_name, node_name)
);
create unique index volume_attached_to_one_node on volume_attachment (volume_name) where exclusive;

-- The lease that picks the one instance running reconcilers.
create table leader_lease (
    name        text primary key,
    holder      text        not null,
    renew_time  timestamptz not null,
    duration_ms bigint      not null
);
