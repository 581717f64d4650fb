-- Volume attachments become storage.k8s.io/v1 VolumeAttachment objects, written through the store like every other
-- object. Rows of the old volume_attachment table are carried over as objects (named as Kubernetes names a CSI
-- attachment: csi-<sha256(volume + attacher + node)>), each with its change in the change feed, then the table goes.
with moved as (
    select nextval('resource_version_seq') as rv,
           gen_random_uuid()::text as uid,
           a.volume_name, a.node_name, a.exclusive, a.attached_at,
           coalesce(pv.body -> 'spec' -> 'csi' ->> 'driver', 'ordinal.dev/simulated') as attacher
      from volume_attachment a
      left join resource pv on pv.kind = 'PersistentVolume' and pv.namespace = '' and pv.name = a.volume_name
), objects as (
    select rv, uid,
           'csi-' || encode(sha256(convert_to(volume_name || attacher || node_name, 'UTF8')), 'hex') as name,
           json_build_object(
               'apiVersion', 'storage.k8s.io/v1',
               'kind', 'VolumeAttachment',
               'metadata', case when exclusive then json_build_object(
                   'name', 'csi-' || encode(sha256(convert_to(volume_name || attacher || node_name, 'UTF8')), 'hex'),
                   'uid', uid, 'resourceVersion', rv::text,
                   'creationTimestamp', to_char(attached_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                   'annotations', json_build_object('ordinal.dev/exclusive-attach', 'true'))
               else json_build_object(
                   'name', 'csi-' || encode(sha256(convert_to(volume_name || attacher || node_name, 'UTF8')), 'hex'),
                   'uid', uid, 'resourceVersion', rv::text,
                   'creationTimestamp', to_char(attached_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) end,
               'spec', json_build_object('attacher', attacher, 'nodeName', node_name,
                                         'source', json_build_object('persistentVolumeName', volume_name)),
               'status', json_build_object('attached', true)) as body
      from moved
), stored as (
    insert into resource (kind, namespace, name, uid, resource_version, body)
    select 'VolumeAttachment', '', name, uid, rv, body from objects
    returning resource_version, name, body
)
insert into change_log (resource_version, event_type, kind, namespace, name, body)
select resource_version, 'ADDED', 'VolumeAttachment', '', name, body from stored;

drop table volume_attachment;

-- A read-write-once volume is attached to at most one node, whatever the controllers race to do: the attacher marks
-- the attachment of a ReadWriteOnce or ReadWriteOncePod volume ordinal.dev/exclusive-attach, and no two such
-- attachments name the same volume.
create unique index volume_attached_to_one_node on resource ((body -> 'spec' -> 'source' ->> 'persistentVolumeName'))
    where kind = 'VolumeAttachment'
      and body -> 'metadata' -> 'annotations' ->> 'ordinal.dev/exclusive-attach' = 'true';
