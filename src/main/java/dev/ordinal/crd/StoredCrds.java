package dev.ordinal.crd;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.ordinal.api.Json;
import dev.ordinal.store.ChangeFeed;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * At start-up, before the change feed's first list, makes the kinds of the stored established CRDs known, so that
 * their objects are listed into the cache and served from the first request on.
 */
@Component
class StoredCrds implements ChangeFeed.BeforeFirstList {
    @Override
    public void run(Connection c) throws SQLException {
        CustomKinds.clear();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select body from resource where kind = 'CustomResourceDefinition'")) {
            while (rs.next()) {
                JsonNode crd = Json.MAPPER.readTree(rs.getString(1));
                if (CrdConditions.isTrue(crd, "Established")) {
                    CustomKinds.put(CustomKind.of(crd));
                }
            }
        }
    }
}
