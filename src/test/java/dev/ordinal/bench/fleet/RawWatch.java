package dev.ordinal.bench.fleet;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A watch read straight from its socket (chunked HTTP/1.1, one JSON event per line), for the reaction figure: each
 * ADDED event's object name is noted with the moment its line arrived, so that the figure is the server's time and
 * not a client library's (java.net.http hands each line between threads before a caller sees it).
 */
final class RawWatch implements AutoCloseable {
    private final Socket socket;
    private final Map<String, Long> added = new ConcurrentHashMap<>();
    private final Thread reader;

    RawWatch(int port, String path) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAccept: application/json\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        String status = KeepAliveClient.line(in);
        if (!status.contains(" 200")) {
            socket.close();
            throw new IOException("watch " + path + ": " + status);
        }
        while (!KeepAliveClient.line(in).isEmpty()) {
            // Headers: the body is chunked.
        }
        reader = new Thread(() -> read(in), "raw-watch");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * When the ADDED event of {@code name} arrived ({@link System#nanoTime}), waiting for it (without spinning: the
     * server shares the two cores) at most until {@code deadline}; null if it has not arrived by then.
     */
    synchronized Long awaitAdded(String name, long deadline) throws InterruptedException {
        for (Long at = added.get(name); ; at = added.get(name)) {
            long left = deadline - System.nanoTime();
            if (at != null || left <= 0) {
                return at;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private void read(InputStream in) {
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        try {
            for (long n = chunkSize(in); n > 0; n = chunkSize(in)) {
                for (long i = 0; i < n; i++) {
                    int b = in.read();
                    if (b < 0) {
                        throw new EOFException();
                    }
                    if (b == '\n') {
                        note(pending.toString(StandardCharsets.UTF_8), System.nanoTime());
                        pending.reset();
                    } else {
                        pending.write(b);
                    }
                }
                KeepAliveClient.line(in); // The chunk's closing CRLF.
            }
        } catch (IOException e) {
            // Closed: the benchmark is done with it.
        }
    }

    private void note(String event, long at) {
        if (!event.startsWith("{\"type\":\"ADDED\"")) {
            return;
        }
        int i = event.indexOf("\"name\":\"");
        if (i >= 0) {
            added.putIfAbsent(event.substring(i + 8, event.indexOf('"', i + 8)), at);
            synchronized (this) {
                notifyAll();
            }
        }
    }

    private static long chunkSize(InputStream in) throws IOException {
        return Long.parseLong(KeepAliveClient.line(in).trim(), 16);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
