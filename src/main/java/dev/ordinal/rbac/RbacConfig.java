package dev.ordinal.rbac;

import dev.ordinal.auth.AuthSettings;
import dev.ordinal.auth.Authorizer;
import dev.ordinal.store.ResourceStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The authorizer the API uses: RBAC over the informer cache, or allow-all when the settings say so. */
@Configuration
public class RbacConfig {

    @Bean
    Authorizer authorizer(AuthSettings settings, ResourceStore store) {
        return settings.rbac() ? new RbacAuthorizer(new CachedPolicySource(store.cache())) : Authorizer.ALLOW_ALL;
    }
}
