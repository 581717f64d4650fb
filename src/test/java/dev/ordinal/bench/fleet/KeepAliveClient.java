package dev.ordinal.bench.fleet;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client (GET, POST) on one kept-alive connection, for the latency figures: it reads each answer to
 * its last byte and discards it, as load generators such as wrk do, so that the figure is the server's time rather
 * than a client library's (java.net.http hands every answer between threads and decodes it into a String, which on
 * these two shared cores cost more than the server's own work). One per thread; not thread-safe.
 */
final class KeepAliveClient implements AutoCloseable {
    private final int port;
    private final byte[] buffer = new byte[1 << 16];
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    KeepAliveClient(int port) {
        this.port = port;
    }

    /** GETs {@code path}, reads the whole answer and returns its status code. */
    int get(String path) {
        return send("GET", path, null);
    }

    /** POSTs {@code json} to {@code path}, reads the whole answer and returns its status code. */
    int post(String path, String json) {
        return send("POST", path, json.getBytes(StandardCharsets.UTF_8));
    }

    private int send(String method, String path, byte[] body) {
        try {
            if (socket == null) {
                socket = new Socket("127.0.0.1", port);
                socket.setTcpNoDelay(true);
                out = socket.getOutputStream();
                in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            }
            // The port in Host, as HTTP/1.1 clients send it (without it Tomcat's host parser throws and catches an
            // exception on every request, which no real client's request costs).
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAccept: application/json\r\n"
                    + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                    + "\r\n";
            // Headers and body in one write, as clients send a small request.
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            byte[] request = body == null ? headBytes
                    : java.util.Arrays.copyOf(headBytes, headBytes.length + body.length);
            if (body != null) {
                System.arraycopy(body, 0, request, headBytes.length, body.length);
            }
            out.write(request);
            out.flush();
            int code = Integer.parseInt(line().split(" ")[1]);
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String h = header.toLowerCase(Locale.ROOT);
                if (h.startsWith("content-length:")) {
                    length = Long.parseLong(h.substring(15).trim());
                } else if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
                    chunked = true;
                } else if (h.startsWith("connection:") && h.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long n = Long.parseLong(line().trim(), 16); n > 0; n = Long.parseLong(line().trim(), 16)) {
                    skip(n);
                    line();
                }
                line();
            } else {
                skip(length);
            }
            if (close) {
                close();
            }
            return code;
        } catch (IOException e) {
            close();
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        }
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, n));
            if (r < 0) {
                throw new EOFException();
            }
            n -= r;
        }
    }

    private String line() throws IOException {
        return line(in);
    }

    /** One line of an HTTP head or chunked body, without its CRLF; EOFException if the stream ends first. */
    static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException();
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // Closing: nothing to do.
        } finally {
            socket = null;
        }
    }
}
