package dev.ordinal.auth;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who may reach the API and how it proves who it is, decided once at start-up from the settings:
 * <ul>
 *   <li>{@code ordinal.auth.token-file}: a static token file (kube-apiserver's {@code --token-auth-file});</li>
 *   <li>client certificates, when TLS asks for them ({@code server.ssl.client-auth=want|need});</li>
 *   <li>{@code ordinal.auth.anonymous}: whether requests without a credential are served, as
 *       {@code system:anonymous}; by default only when neither of the above is configured;</li>
 *   <li>{@code ordinal.auth.authorization-mode}: {@code RBAC} (the default whenever a credential can be checked) or
 *       {@code AlwaysAllow} (the default otherwise, so the zero-set-up server on loopback works as it always did).</li>
 * </ul>
 * Serving an address other than loopback with nothing to check credentials against is refused, with a message
 * that says how to make a token file, unless {@code ordinal.auth.anonymous=true} says so explicitly.
 */
@Component
public class AuthSettings {
    private final TokenFile tokenFile;
    private final boolean clientCertificates;
    private final boolean anonymous;
    private final boolean rbac;
    private final boolean loopback;
    private final String address;

    public AuthSettings(@Value("${ordinal.auth.token-file:}") String tokenFile,
                        @Value("${ordinal.auth.anonymous:#{null}}") Boolean anonymous,
                        @Value("${ordinal.auth.authorization-mode:}") String mode,
                        @Value("${server.ssl.client-auth:none}") String clientAuth,
                        @Value("${server.address:}") String address) throws IOException {
        this.tokenFile = tokenFile.isBlank() ? null : readTokenFile(Path.of(tokenFile));
        this.clientCertificates = clientAuth.equalsIgnoreCase("want") || clientAuth.equalsIgnoreCase("need");
        boolean credentials = this.tokenFile != null || clientCertificates;
        this.anonymous = anonymous != null ? anonymous : !credentials;
        this.rbac = switch (mode.isBlank() ? (credentials ? "RBAC" : "AlwaysAllow") : mode) {
            case "RBAC" -> true;
            case "AlwaysAllow" -> false;
            default -> throw new IllegalStateException("ordinal.auth.authorization-mode=" + mode
                    + " is not a mode Ordinal knows: use RBAC or AlwaysAllow");
        };
        this.address = address;
        this.loopback = isLoopback(address);
        if (!loopback && !credentials && !Boolean.TRUE.equals(anonymous)) {
            throw new IllegalStateException(refusal(address));
        }
    }

    private static TokenFile readTokenFile(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("ordinal.auth.token-file=" + file + " cannot be read");
        }
        return TokenFile.read(file);
    }

    /** The message a server on a network address without any way to check credentials stops with. */
    static String refusal(String address) {
        String where = address == null || address.isBlank() ? "every network interface" : address;
        return "Ordinal refuses to serve " + where + " without authentication: anyone who can reach the port could "
                + "change or delete everything. Create a token file (kube-apiserver's --token-auth-file format, "
                + "token,user,uid,\"group1,group2\") and start with --ordinal.auth.token-file=<file>, for example:\n"
                + "  echo \"$(openssl rand -hex 32),admin,admin-uid,system:masters\" > tokens.csv && chmod 600 tokens.csv\n"
                + "Or serve loopback only (--server.address=127.0.0.1, the default), or, if the network is yours "
                + "alone, allow anonymous requests explicitly with --ordinal.auth.anonymous=true.";
    }

    /** Whether {@code address} (unset means Tomcat's default, every interface) is a loopback address. */
    static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            InetAddress a = InetAddress.getByName(address.replace("[", "").replace("]", ""));
            return a.isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public TokenFile tokenFile() {
        return tokenFile;
    }

    public boolean clientCertificates() {
        return clientCertificates;
    }

    public boolean anonymous() {
        return anonymous;
    }

    /** Whether requests are authorized by RBAC (else every authenticated request is allowed). */
    public boolean rbac() {
        return rbac;
    }

    /** Whether the server listens on a loopback address only. */
    public boolean loopback() {
        return loopback;
    }

    public String address() {
        return address;
    }

    /** Whether anyone who reaches the port may do anything: anonymous requests allowed and no RBAC. */
    public boolean openToAnyone() {
        return anonymous && !rbac;
    }

    public List<String> describe() {
        return List.of("token file: " + (tokenFile == null ? "none" : tokenFile.size() + " tokens"),
                "client certificates: " + clientCertificates, "anonymous: " + anonymous,
                "authorization: " + (rbac ? "RBAC" : "AlwaysAllow"), "address: " + address);
    }
}
