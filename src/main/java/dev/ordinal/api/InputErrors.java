package dev.ordinal.api;

import java.util.Set;

import dev.ordinal.api.validation.Values;
import dev.ordinal.core.Json;

/**
 * Tells an unexpected exception thrown while decoding or validating input (a client's fault: 400) from one thrown
 * elsewhere (a server bug: 500), by the code it was thrown from: the innermost Ordinal frame of its stack.
 */
final class InputErrors {
    /** Classes that only read and check what a client sent. */
    private static final Set<String> INPUT_CLASSES = Set.of("Codec", "Patches", "FieldTypes", "UnknownFields",
            "ProtobufEnvelope", "Selectors", "ScaleSubresource", "ApiPath", "MetadataValidation", "NulStrings",
            "Json", "Values");

    private InputErrors() {
    }

    static boolean isInputError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement f : t.getStackTrace()) {
                String cls = f.getClassName();
                if (!cls.startsWith("dev.ordinal.")) {
                    continue;
                }
                if (Json.class.getName().equals(cls) || Values.class.getName().equals(cls)) {
                    continue; // shared helpers: the caller decides
                }
                return isInputClass(cls);
            }
        }
        return false;
    }

    private static boolean isInputClass(String cls) {
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        int inner = simple.indexOf('$');
        if (inner >= 0) {
            simple = simple.substring(0, inner);
        }
        return cls.startsWith("dev.ordinal.api.validation.") || cls.startsWith("dev.ordinal.api.yaml.")
                || simple.endsWith("Strategy") || simple.endsWith("Specs") || INPUT_CLASSES.contains(simple);
    }

    /** The exception in a line, without class names of Jackson's internals. */
    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("");
    }
}
