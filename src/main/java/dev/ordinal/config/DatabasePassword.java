package dev.ordinal.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The embedded server's superuser password: 32 random bytes, kept in a file only its owner can read or write. The
 * file is written whole (a temporary file renamed into place), so it is either absent or complete.
 */
final class DatabasePassword {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private DatabasePassword() {
    }

    /** The password kept in {@code file}; fails when it is absent or empty. */
    static String read(Path file) throws IOException {
        String password = Files.readString(file).strip();
        if (password.isEmpty()) {
            throw new IllegalStateException(file + " is empty; it should hold the embedded PostgreSQL's password. "
                    + "Restore it, or move the data directory away to start a new one.");
        }
        ownerOnly(file);
        return password;
    }

    /** The password kept in {@code file}, generating and keeping a new one when there is none yet. */
    static String readOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return read(file);
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        write(file, password + "\n");
        return password;
    }

    /** Replaces {@code file} with {@code text}, owner-only from its first byte. */
    static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (posix(file.getParent())) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Takes every permission on {@code file} from group and others (where the file system has POSIX modes). */
    static void ownerOnly(Path file) throws IOException {
        if (Files.exists(file) && posix(file)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
