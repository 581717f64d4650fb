package dev.ordinal.pod;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The simulated kubelet's pace: seconds from scheduling to Running, from Running to Ready, and how long a deleted pod
 * stays Terminating (never longer than its own terminationGracePeriodSeconds). All zero in tests.
 */
@ConfigurationProperties("ordinal.simulation")
public record SimulationProperties(double startSeconds, double readySeconds, double terminationGraceSeconds) {
}
