package dev.ordinal.node;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The node lifecycle controller's settings: how long a node may go without a heartbeat before it is unreachable
 * ({@code node-monitor-grace-period}, 40 s in Kubernetes; a node's annotation
 * {@code ordinal.dev/node-monitor-grace-period-seconds} overrides it for that node), and the
 * {@code tolerationSeconds} the default tolerations give every pod for {@code not-ready} and {@code unreachable}
 * (300 s, the DefaultTolerationSeconds admission plugin's default).
 */
@ConfigurationProperties("ordinal.node-lifecycle")
public record NodeLifecycleProperties(@DefaultValue("40") double gracePeriodSeconds,
                                      @DefaultValue("300") long defaultTolerationSeconds) {
    public static final String GRACE_ANNOTATION = "ordinal.dev/node-monitor-grace-period-seconds";

    /** The grace period of a node: its annotation when it holds a positive number, else the setting. */
    public java.time.Duration graceOf(tools.jackson.databind.JsonNode node) {
        String a = dev.ordinal.core.Json.annotation(node, GRACE_ANNOTATION);
        double seconds = gracePeriodSeconds;
        if (a != null) {
            try {
                double v = Double.parseDouble(a);
                if (v > 0) {
                    seconds = v;
                }
            } catch (NumberFormatException ignored) {
                // An unreadable override leaves the setting in force.
            }
        }
        return java.time.Duration.ofMillis(Math.round(seconds * 1000));
    }
}
