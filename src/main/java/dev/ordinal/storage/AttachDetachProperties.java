package dev.ordinal.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The attach/detach controller's settings: how long a volume stays attached to a node that cannot confirm it
 * unmounted (the pods using it are gone but the node is unreachable) before it is detached by force
 * ({@code maxWaitForUnmountDuration}, 6 minutes in Kubernetes).
 */
@ConfigurationProperties("ordinal.attach-detach")
public record AttachDetachProperties(@DefaultValue("360") double forceDetachSeconds) {
}
