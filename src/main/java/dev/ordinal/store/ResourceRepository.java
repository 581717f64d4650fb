package dev.ordinal.store;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** Stored objects by identity. All writes go through {@link ResourceStore}. */
public interface ResourceRepository extends JpaRepository<ResourceEntity, Long> {

    Optional<ResourceEntity> findByKindAndNamespaceAndName(String kind, String namespace, String name);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from ResourceEntity r where r.kind = ?1 and r.namespace = ?2 and r.name = ?3")
    Optional<ResourceEntity> lockByKindAndNamespaceAndName(String kind, String namespace, String name);

    /**
     * A new version, registered as in flight until the current transaction ends ({@code take_resource_version} in
     * {@code V3__concurrent_writers.sql}): the change feed delivers no version at or above one still in flight, so
     * changes reach every reader in version order although writers commit concurrently.
     */
    @Query(value = "select take_resource_version()", nativeQuery = true)
    long takeVersion();

    @Query(value = "select case when is_called then last_value else 0 end from resource_version_seq", nativeQuery = true)
    long lastResourceVersion();

    /** Appends a change to the change feed, in the writer's transaction. */
    @org.springframework.data.jpa.repository.Modifying
    @Query(value = "insert into change_log (resource_version, event_type, kind, namespace, name, body)"
            + " values (?1, ?2, ?3, ?4, ?5, cast(?6 as json))", nativeQuery = true)
    int insertChange(long resourceVersion, String eventType, String kind, String namespace, String name, String body);

}
