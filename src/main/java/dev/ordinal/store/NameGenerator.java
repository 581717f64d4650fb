package dev.ordinal.store;

import java.security.SecureRandom;

/** Kubernetes' SimpleNameGenerator: the prefix (cut to 58 characters) plus 5 random consonants and digits. */
public final class NameGenerator {
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private NameGenerator() {
    }

    public static String generate(String base) {
        String b = base.length() > 58 ? base.substring(0, 58) : base;
        return b + randomSuffix(5);
    }

    public static String randomSuffix(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
