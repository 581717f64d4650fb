package dev.ordinal.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

/** One stored object of any kind: identity columns plus the whole object as json. */
@Entity
@Table(name = "resource")
public class ResourceEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String kind;

    @Column(nullable = false)
    private String namespace;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false, unique = true)
    private String uid;

    @Column(name = "resource_version", nullable = false)
    private long resourceVersion;

    @Column(nullable = false, columnDefinition = "json")
    @ColumnTransformer(write = "?::json")
    private String body;

    protected ResourceEntity() {
    }

    public ResourceEntity(String kind, String namespace, String name, String uid, long resourceVersion, String body) {
        this.kind = kind;
        this.namespace = namespace;
        this.name = name;
        this.uid = uid;
        this.resourceVersion = resourceVersion;
        this.body = body;
    }

    public Long getId() {
        return id;
    }

    public String getKind() {
        return kind;
    }

    public String getNamespace() {
        return namespace;
    }

    public String getName() {
        return name;
    }

    public String getUid() {
        return uid;
    }

    public long getResourceVersion() {
        return resourceVersion;
    }

    public String getBody() {
        return body;
    }

    public void setResourceVersion(long resourceVersion) {
        this.resourceVersion = resourceVersion;
    }

    public void setBody(String body) {
        this.body = body;
    }
}
