package dev.ordinal.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.ordinal.api.yaml.YamlReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one copy of the article's manifests, in {@code src/test/resources/manifests} (the files of
 * /work/shared/examples plus the headless Service the StatefulSet names): tests read them here rather than inline
 * copies, so a change to the article's example is made once.
 */
public final class Manifests {
    /** The nginx StatefulSet (OrderedReady, three replicas, claim template www). */
    public static final String STATEFUL_SET = "seed-statefulset.yaml";
    /** The same StatefulSet with {@code podManagementPolicy: Parallel}. */
    public static final String STATEFUL_SET_PARALLEL = "seed-statefulset-parallel.yaml";
    /** Three ReplicationController pods sharing one ReadWriteOnce claim (two documents). */
    public static final String RC_SHARED_CLAIM = "seed-rc-shared-claim.yaml";
    /** The headless Service {@code nginx} of the StatefulSet's {@code serviceName}. */
    public static final String HEADLESS_SERVICE = "nginx-headless-service.yaml";

    private static final Path DIR = Path.of("src/test/resources/manifests");

    private Manifests() {
    }

    /** The file's path, for kubectl {@code -f} and for readers of files. */
    public static String path(String file) {
        return DIR.resolve(file).toString();
    }

    /** The file's text, YAML as written. */
    public static String text(String file) {
        try {
            return Files.readString(DIR.resolve(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read manifest " + file, e);
        }
    }

    /** A single-document manifest as an object, read as the API server reads YAML; the caller may edit it. */
    public static ObjectNode object(String file) {
        return (ObjectNode) YamlReader.read(text(file));
    }
}
