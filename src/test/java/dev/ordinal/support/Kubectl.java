package dev.ordinal.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the real kubectl binary against a running Ordinal, with its own kubeconfig and cache directory so the
 * developer's configuration is never touched.
 */
public final class Kubectl {
    private final Path home;
    private final Path kubeconfig;

    /** What a kubectl run printed and how it exited. */
    public record Run(int exit, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    public Kubectl(int port) {
        this(port, null);
    }

    /** A kubectl that sends {@code token} as its bearer token (none when null). */
    public Kubectl(int port, String token) {
        this("http://127.0.0.1:" + port, null, token);
    }

    /**
     * A kubectl for {@code server} (https when {@code caFile}, a PEM certificate it trusts, is given) that sends
     * {@code token} (none when null). kubectl sends credentials over TLS only.
     */
    public Kubectl(String server, Path caFile, String token) {
        try {
            home = Files.createTempDirectory("kubectl-home");
            kubeconfig = home.resolve("config");
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: ordinal
                      cluster: {server: "%s"%s}
                    users:
                    - name: ordinal
                      user: %s
                    contexts:
                    - name: ordinal
                      context: {cluster: ordinal, user: ordinal, namespace: default}
                    current-context: ordinal
                    """.formatted(server, caFile == null ? "" : ", certificate-authority: \"" + caFile + "\"",
                    token == null ? "{}" : "{token: \"" + token + "\"}"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The kubectl on the PATH, or null when none is installed. */
    public static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, "kubectl");
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }

    public Path home() {
        return home;
    }

    /** Runs kubectl with the arguments and waits (up to a minute) for it to finish. */
    /** Runs kubectl and asserts it succeeded without printing a warning. */
    public Run ok(String... args) {
        Run r = run(args);
        assertThat(r.exit()).as("kubectl %s\n%s", String.join(" ", args), r.all()).isZero();
        assertThat(r.err()).as("kubectl %s printed warnings", String.join(" ", args)).doesNotContain("Warning");
        return r;
    }

    public Run run(String... args) {
        return run(Map.of(), args);
    }

    public Run run(Map<String, String> env, String... args) {
        try {
            Process p = start(env, args);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("kubectl " + String.join(" ", args) + " did not finish");
            }
            String out = Files.readString(home.resolve("out-" + p.pid()), StandardCharsets.UTF_8);
            String err = Files.readString(home.resolve("err-" + p.pid()), StandardCharsets.UTF_8);
            return new Run(p.exitValue(), out, err);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts kubectl in the background (for watches); its output goes to {@link #output(Process)}. */
    public Process start(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        pb.environment().put("HOME", home.toString());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        Files.move(out, home.resolve("out-" + p.pid()));
        Files.move(err, home.resolve("err-" + p.pid()));
        return p;
    }

    /** What a background kubectl has printed so far. */
    public String output(Process p) {
        try {
            return Files.readString(home.resolve("out-" + p.pid()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
