package dev.ordinal.crd;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.ordinal.core.Json;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.store.ChangeFeed;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * At start-up, before the change feed's first list, registers the kinds of the stored established CRDs (at each served version), so that
 * their objects are listed into the cache and served from the first request on.
 */
@Component
class StoredCrds implements ChangeFeed.BeforeFirstList {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StoredCrds.class);
    private final KindRegistry kinds;

    StoredCrds(KindRegistry kinds) {
        this.kinds = kinds;
    }

    @Override
    public void run(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select body from resource where kind = 'CustomResourceDefinition'")) {
            while (rs.next()) {
                JsonNode crd = Json.MAPPER.readTree(rs.getString(1));
                if (CrdConditions.isTrue(crd, "Established")) {
                    try {
                        if (CustomKinds.ofCrd(kinds, Json.name(crd)).isEmpty()) {
                            CustomKinds.definitions(crd).forEach(kinds::register);
                        }
                    } catch (IllegalArgumentException e) {
                        // A name a built-in kind took since: the CRD's reconciler reports the conflict.
                        LOG.warn("not serving the kind of CRD {}: {}", Json.name(crd), e.getMessage());
                    }
                }
            }
        }
    }
}
