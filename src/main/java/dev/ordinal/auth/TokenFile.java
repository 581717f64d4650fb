package dev.ordinal.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A static token file in kube-apiserver's {@code --token-auth-file} format: one CSV record per line,
 * {@code token,user,uid,"group1,group2"}; the groups column is optional, blank lines are skipped, and a record with
 * fewer than three columns makes the whole file invalid (the server refuses to start rather than run half-configured).
 */
public final class TokenFile {
    private final Map<String, UserInfo> byToken;

    private TokenFile(Map<String, UserInfo> byToken) {
        this.byToken = Map.copyOf(byToken);
    }

    /** Reads and parses {@code file}. */
    public static TokenFile read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses the text of a token file; {@code source} names it in error messages. */
    public static TokenFile parse(String text, String source) {
        Map<String, UserInfo> users = new HashMap<>();
        int lineNo = 0;
        for (String line : text.replace("\uFEFF", "").split("\r?\n")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> record = csv(line);
            if (record.size() < 3) {
                throw new IllegalArgumentException("token file " + source + ", line " + lineNo
                        + ": expected at least 3 columns (token,user,uid), got " + record.size());
            }
            String token = record.get(0);
            if (token.isEmpty() || record.get(1).isEmpty()) {
                throw new IllegalArgumentException("token file " + source + ", line " + lineNo
                        + ": the token and the user name must not be empty");
            }
            List<String> groups = record.size() >= 4 && !record.get(3).isEmpty()
                    ? Arrays.stream(record.get(3).split(",")).map(String::trim).filter(g -> !g.isEmpty()).toList()
                    : List.of();
            // As kube-apiserver: a token listed twice is the last record's.
            users.put(token, UserInfo.authenticated(record.get(1), record.get(2), groups));
        }
        return new TokenFile(users);
    }

    /** The user a token belongs to, or null. */
    public UserInfo user(String token) {
        return byToken.get(token);
    }

    public int size() {
        return byToken.size();
    }

    /** Splits one CSV line: commas separate fields, double quotes enclose a field that holds commas ("" is a quote). */
    static List<String> csv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(f.toString().trim());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        fields.add(f.toString().trim());
        return fields;
    }
}
