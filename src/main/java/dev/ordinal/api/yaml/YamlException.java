package dev.ordinal.api.yaml;

/** A YAML document the API refuses; the message is go-yaml's wording without the {@code yaml: } prefix. */
public class YamlException extends RuntimeException {
    private final int line;

    public YamlException(String message) {
        this(message, -1);
    }

    public YamlException(String message, int line) {
        super(message);
        this.line = line;
    }

    /** The 1-based line the problem is on, or -1 when unknown. */
    public int line() {
        return line;
    }
}
