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

    List<ResourceEntity> findByKindAndNamespaceOrderByNameAsc(String kind, String namespace);

    List<ResourceEntity> findByKindOrderByNamespaceAscNameAsc(String kind);

    Optional<ResourceEntity> findByUid(String uid);

    boolean existsByUid(String uid);

    /** Objects whose ownerReferences name the owner uid. */
    @Query(value = "select * from resource where (body::jsonb) -> 'metadata' -> 'ownerReferences' @> cast(?1 as jsonb)",
            nativeQuery = true)
    List<ResourceEntity> findByOwnerRefContaining(String ownerRefJson);

    @Query(value = "select * from resource where json_array_length(coalesce(body -> 'metadata' -> 'ownerReferences', '[]'::json)) > 0",
            nativeQuery = true)
    List<ResourceEntity> findAllWithOwners();

    @Query(value = "select * from resource where kind = 'Event' and namespace = ?1"
            + " and body -> 'involvedObject' ->> 'uid' = ?2 and body ->> 'reason' = ?3 and body ->> 'message' = ?4",
            nativeQuery = true)
    List<ResourceEntity> findSimilarEvents(String namespace, String involvedUid, String reason, String message);

    /**
     * Serializes writers until the end of the current transaction, so that resourceVersions are committed in the
     * order they are handed out: a list at version N then never misses a change numbered below N.
     */
    @Query(value = "select 1 from pg_advisory_xact_lock(727001)", nativeQuery = true)
    Integer lockWrites();

    /** Waits for the writer in progress, if any, and keeps writers out until the end of the current transaction. */
    @Query(value = "select 1 from pg_advisory_xact_lock_shared(727001)", nativeQuery = true)
    Integer lockOutWrites();

    @Query(value = "select nextval('resource_version_seq')", nativeQuery = true)
    long nextResourceVersion();

    @Query(value = "select last_value from resource_version_seq", nativeQuery = true)
    long lastResourceVersion();
}
