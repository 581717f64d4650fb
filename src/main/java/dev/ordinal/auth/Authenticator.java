package dev.ordinal.auth;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Finds who sent a request, in the API server's order: a verified TLS client certificate (the user is its Common
 * Name, the groups its Organizations), then a bearer token ({@code Authorization: Bearer <token>}, or the WebSocket
 * subprotocol {@code base64url.bearer.authorization.k8s.io.<token>}) looked up in the token file, then anonymous when
 * allowed. A token that matches no one is refused even when anonymous requests are allowed: a wrong credential is
 * never silently downgraded.
 */
public final class Authenticator {
    private static final String WS_PREFIX = "base64url.bearer.authorization.k8s.io.";
    private final TokenFile tokens;
    private final boolean clientCertificates;
    private final boolean anonymous;

    public Authenticator(TokenFile tokens, boolean clientCertificates, boolean anonymous) {
        this.tokens = tokens;
        this.clientCertificates = clientCertificates;
        this.anonymous = anonymous;
    }

    /** Thrown when a request carries a wrong credential, or none where one is required: a 401. */
    public static final class Unauthorized extends RuntimeException {
        public Unauthorized(String why) {
            super(why);
        }
    }

    /** The user who sent {@code request}. */
    public UserInfo authenticate(HttpServletRequest request) {
        if (clientCertificates) {
            Object certs = request.getAttribute("jakarta.servlet.request.X509Certificate");
            if (certs instanceof X509Certificate[] chain && chain.length > 0) {
                return fromCertificate(chain[0]);
            }
        }
        String token = bearerToken(request.getHeader("Authorization"));
        if (token == null) {
            token = webSocketToken(request.getHeader("Sec-WebSocket-Protocol"));
        }
        if (token != null) {
            UserInfo user = tokens == null ? null : tokens.user(token);
            if (user == null) {
                throw new Unauthorized("invalid bearer token");
            }
            return user;
        }
        if (anonymous) {
            return UserInfo.anonymous();
        }
        throw new Unauthorized("no credential");
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or null (another scheme, or none). */
    static String bearerToken(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String[] parts = header.strip().split(" ", 3);
        if (parts.length < 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer") || parts[1].isEmpty()) {
            return null;
        }
        return parts[1];
    }

    /** The token a browser's WebSocket sends as a subprotocol (it cannot set headers), or null. */
    static String webSocketToken(String header) {
        if (header == null) {
            return null;
        }
        for (String p : header.split(",")) {
            String protocol = p.strip();
            if (protocol.startsWith(WS_PREFIX)) {
                try {
                    return new String(Base64.getUrlDecoder().decode(protocol.substring(WS_PREFIX.length())),
                            StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new Unauthorized("invalid bearer token");
                }
            }
        }
        return null;
    }

    /** The user a verified client certificate names: its CN, with its O values as groups. */
    static UserInfo fromCertificate(X509Certificate cert) {
        String name = null;
        List<String> groups = new ArrayList<>();
        try {
            // getRdns() lists the subject in its encoded (ASN.1) order, the order Go's pkix.Name reads.
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN") && name == null) {
                    name = String.valueOf(rdn.getValue());
                } else if (rdn.getType().equalsIgnoreCase("O")) {
                    groups.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            throw new Unauthorized("unreadable client certificate subject");
        }
        if (name == null || name.isEmpty()) {
            throw new Unauthorized("client certificate has no common name");
        }
        return UserInfo.authenticated(name, "", groups);
    }
}
