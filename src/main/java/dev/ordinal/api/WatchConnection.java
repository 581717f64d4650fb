package dev.ordinal.api;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.ordinal.store.WatchEvent;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open watch, written without blocking so that it holds no thread while it waits: events are queued by the change
 * feed (never blocking it) and written by a small shared executor only while the client's connection accepts data.
 * The connection is either a chunked HTTP response ({@link HttpSink}) or a WebSocket ({@link WebSocketWatches}); the
 * events, their order, the bookmarks, the timeout and the 410 are the same on both. A client that falls more than {@code capacity} live events behind is disconnected, as the
 * API server's watch cache terminates a watcher that does not keep up; its client watches again from the last
 * version it saw.
 */
final class WatchConnection implements WriteListener, AsyncListener {
    private static final Logger log = LoggerFactory.getLogger(WatchConnection.class);

    /** Turns a queued event into one newline-terminated line, and gives the keep-alive line (a bookmark), or null. */
    interface Renderer {
        byte[] line(WatchEvent event);

        /** The bookmark to send when the watch has been quiet, or null when the client asked for none. */
        byte[] probe();
    }

    /**
     * Where a watch's events go. Each {@link #write} is one watch event; {@link #ready} says whether another can be
     * written now; the sink calls the connection's {@link WatchConnection#writePossible()} when it can take more and
     * {@link WatchConnection#close()} when the client is gone.
     */
    interface Sink {
        boolean ready();

        void write(byte[] event) throws IOException;

        /** Sends something the client ignores, to learn whether it is still there. */
        void keepAlive() throws IOException;

        void flush() throws IOException;

        /** Ends the response or the WebSocket, normally. */
        void complete();
    }

    private final Renderer renderer;
    private final int capacity;
    private final Executor writers;
    private final Consumer<WatchConnection> onClose;
    private final Queue<WatchEvent> replay = new ConcurrentLinkedQueue<>();
    private final Queue<WatchEvent> live = new ConcurrentLinkedQueue<>();
    private final AtomicInteger liveSize = new AtomicInteger();
    private final AtomicInteger pendingSignals = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Guards the HTTP response against use after the container ended it (see {@link HttpSink}). */
    private final Object io = new Object();
    private boolean containerDone;
    private volatile boolean subscribed;
    private volatile boolean ending;
    private volatile boolean probeDue;
    private volatile Runnable unsubscribe = () -> { };
    private volatile Sink out;
    private ScheduledFuture<?> deadline;
    private ScheduledFuture<?> probes;
    // Touched only by the one drain running at a time.
    private boolean unflushed = true;
    private boolean keepAliveDue;

    WatchConnection(Renderer renderer, int capacity, Executor writers, Consumer<WatchConnection> onClose) {
        this.renderer = renderer;
        this.capacity = capacity;
        this.writers = writers;
        this.onClose = onClose;
    }

    /**
     * Takes one event. Called on the change feed's thread (or, for the backlog, inside the subscribe call): it only
     * enqueues. Events before {@link #subscribed()} are the starting state and backlog, which are not bounded.
     */
    void offer(WatchEvent e) {
        if (closed.get()) {
            return;
        }
        if (!subscribed) {
            replay.add(e);
            return;
        }
        live.add(e);
        if (liveSize.incrementAndGet() > capacity && !ending) {
            log.info("Closing a watch whose client fell {} events behind", capacity);
            ending = true;
        }
        signal();
    }

    /** From now on events are live and count against the capacity. */
    void subscribed(Runnable unsubscribe) {
        this.unsubscribe = unsubscribe;
        this.subscribed = true;
    }

    /** Starts writing on the request's async context; ends after {@code timeoutSeconds}, probing every 10 s. */
    void open(AsyncContext async, ScheduledExecutorService timers, int timeoutSeconds, long probeSeconds)
            throws IOException {
        async.setTimeout(0);
        async.addListener(this);
        ServletOutputStream stream = async.getResponse().getOutputStream();
        // The listener first: until it is set, the stream's isReady() throws, and an event arriving in between used
        // to end the watch at once with an empty body.
        stream.setWriteListener(this);
        open(new HttpSink(async, stream), timers, timeoutSeconds, probeSeconds);
        signal(); // The container's first onWritePossible may have come before the sink was there.
    }

    /**
     * Makes {@code sink} the connection's output; ends after {@code timeoutSeconds}, probing every
     * {@code probeSeconds}. Writing starts at the sink's first {@link #writePossible()}.
     */
    void open(Sink sink, ScheduledExecutorService timers, int timeoutSeconds, long probeSeconds) {
        synchronized (this) {
            if (closed.get()) {
                sink.complete();
                return;
            }
            deadline = timers.schedule(this::end, timeoutSeconds, TimeUnit.SECONDS);
            probes = timers.scheduleAtFixedRate(() -> {
                probeDue = true;
                signal();
            }, probeSeconds, probeSeconds, TimeUnit.SECONDS);
        }
        out = sink;
    }

    /** The sink can take more: write what is queued. */
    void writePossible() {
        signal();
    }

    /** Ends the watch as its timeout does: what is written is flushed, the response completes. */
    void end() {
        ending = true;
        signal();
    }

    @Override
    public void onWritePossible() {
        signal();
    }

    @Override
    public void onError(Throwable t) {
        close();
    }

    // One drain at a time; a signal during a drain makes it go round once more.
    private void signal() {
        if (pendingSignals.getAndIncrement() == 0) {
            writers.execute(this::drain);
        }
    }

    private void drain() {
        int missed = 1;
        do {
            try {
                write();
            } catch (IOException | RuntimeException e) {
                log.debug("Closing a watch that could not be written: {}", e.toString(), e);
                close();
            }
            missed = pendingSignals.addAndGet(-missed);
        } while (missed != 0);
    }

    private void write() throws IOException {
        if (closed.get() || out == null) {
            return;
        }
        while (!ending && out.ready()) {
            if (keepAliveDue) {
                keepAliveDue = false;
                out.keepAlive();
                unflushed = true;
                continue;
            }
            byte[] line = next();
            if (line == null) {
                if (!unflushed) {
                    return;
                }
                unflushed = false;
                out.flush();
                continue;
            }
            out.write(line);
            unflushed = true;
        }
        if (ending) {
            close();
        }
    }

    private byte[] next() {
        WatchEvent e = replay.poll();
        if (e == null) {
            e = live.poll();
            if (e != null) {
                liveSize.decrementAndGet();
            }
        }
        if (e != null) {
            if ("ERROR".equals(e.type())) {
                // An ERROR (410 Expired) is the last event of a watch.
                ending = true;
            }
            return renderer.line(e);
        }
        if (probeDue) {
            probeDue = false;
            byte[] bookmark = renderer.probe();
            if (bookmark == null) {
                keepAliveDue = true;
            }
            return bookmark;
        }
        return null;
    }

    /** Ends the watch for good: unsubscribes, stops the timers and completes the response. Safe to call twice. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        unsubscribe.run();
        synchronized (this) {
            if (deadline != null) {
                deadline.cancel(false);
                probes.cancel(false);
            }
        }
        replay.clear();
        live.clear();
        onClose.accept(this);
        Sink sink = out;
        if (sink != null) {
            sink.complete();
        }
    }

    /**
     * A chunked HTTP response written with non-blocking servlet output. Once the container has ended the request
     * (the client went away, or the response completed) nothing touches the response again: the container recycles
     * its objects for later requests, and a late write or {@code complete()} from this watch would land in another
     * request's response (it ended a new watch at once, with an empty body). The container's callbacks and every
     * operation here hold the same lock, so a callback returns only when no operation is under way.
     */
    private final class HttpSink implements Sink {
        private static final byte[] NEWLINE = {'\n'};
        private final AsyncContext async;
        private final ServletOutputStream stream;

        HttpSink(AsyncContext async, ServletOutputStream stream) {
            this.async = async;
            this.stream = stream;
        }

        @Override
        public boolean ready() {
            synchronized (io) {
                return !containerDone && stream.isReady();
            }
        }

        @Override
        public void write(byte[] event) throws IOException {
            synchronized (io) {
                usable().write(event);
            }
        }

        @Override
        public void keepAlive() throws IOException {
            // JSON stream readers skip whitespace; writing it is how a watch learns its client is gone.
            synchronized (io) {
                usable().write(NEWLINE);
            }
        }

        @Override
        public void flush() throws IOException {
            synchronized (io) {
                usable().flush();
            }
        }

        @Override
        public void complete() {
            synchronized (io) {
                if (containerDone) {
                    return;
                }
                containerDone = true;
                try {
                    async.complete();
                } catch (IllegalStateException alreadyDone) {
                    // The container completed it first (client gone).
                }
            }
        }

        private ServletOutputStream usable() throws IOException {
            if (containerDone) {
                throw new IOException("the response has ended");
            }
            return stream;
        }
    }

    /** Marks the response as ended by the container, once no sink operation is under way (see {@link HttpSink}). */
    private void containerEnded() {
        synchronized (io) {
            containerDone = true;
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        containerEnded();
        close();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        containerEnded();
        close();
    }

    @Override
    public void onError(AsyncEvent event) {
        containerEnded();
        close();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // Nothing: a watch starts its async cycle once.
    }
}
