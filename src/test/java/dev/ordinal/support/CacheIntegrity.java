package dev.ordinal.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.store.ChangeFeed;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Fails an end-to-end test when any code modified an object held by the informer cache: cached instances are shared
 * by every reader and must be copied before they are edited.
 */
public class CacheIntegrity implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        ChangeFeed feed = SpringExtension.getApplicationContext(context).getBean(ChangeFeed.class);
        if (feed.cache().mutations().isEmpty() && !verifying(context)) {
            feed.cache().verifyImmutability();
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(key(feed), true);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ChangeFeed feed = SpringExtension.getApplicationContext(context).getBean(ChangeFeed.class);
        assertThat(feed.cache().mutations()).as("cached objects modified by a reader").isEmpty();
    }

    private static boolean verifying(ExtensionContext context) {
        ChangeFeed feed = SpringExtension.getApplicationContext(context).getBean(ChangeFeed.class);
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).get(key(feed)) != null;
    }

    private static String key(ChangeFeed feed) {
        return "cache-integrity-" + System.identityHashCode(feed);
    }
}
