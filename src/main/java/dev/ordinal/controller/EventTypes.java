package dev.ordinal.controller;

/**
 * The two event types ({@code corev1.EventTypeNormal}, {@code EventTypeWarning}), so that a planner can name the event
 * it wants recorded without depending on the recorder.
 */
public final class EventTypes {
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    private EventTypes() {
    }
}
