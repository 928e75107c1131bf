package org.esvflow.server.wps;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.esvflow.server.ows.OwsException;

/**
 * Downloads one remote reference into a file, bounded three ways: bytes ({@code maxBytes}, 413 FileSizeExceeded),
 * silence (no byte for {@code idle}: the server, or a client trickling one byte every few seconds, is cut off) and
 * total time ({@code total}, headers included). The calling execution thread waits; when it is interrupted (Dismiss,
 * the execution time limit) the connection is closed at once. On any failure the partial file is deleted.
 *
 * <p>The JDK client's blocking body stream has no read timeout and a blocked read does not notice its stream being
 * closed; here the body is pushed into the file by the client's own threads and only the wait is on the caller.
 */
final class ReferenceDownload implements Flow.Subscriber<List<ByteBuffer>> {
    /** Status line and entity tag of a download that completed; the body is in the file when the status is 200. */
    record Result(int status, String etag) {}

    private final Path file;
    private final long maxBytes;
    private final String input;
    private final CompletableFuture<Result> done = new CompletableFuture<>();
    private final Object lock = new Object();
    private FileChannel out;
    private Flow.Subscription subscription;
    private long total;
    private volatile long lastActivity = System.nanoTime();
    private volatile int status;
    private volatile String etag;

    private ReferenceDownload(Path file, long maxBytes, String input) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.input = input;
    }

    /**
     * Sends {@code request} and writes a 200 answer's body to {@code file}; other statuses leave the file empty and
     * are returned (with the body discarded unread).
     */
    static Result fetch(HttpClient http, HttpRequest request, Path file, long maxBytes, Duration idle, Duration total,
                        String input) throws IOException {
        ReferenceDownload d = new ReferenceDownload(file, maxBytes, input);
        d.out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.CREATE);
        CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request, info -> {
            d.status = info.statusCode();
            d.etag = info.headers().firstValue("ETag").orElse(null);
            d.lastActivity = System.nanoTime();
            if (info.statusCode() == 200) return HttpResponse.BodySubscribers.fromSubscriber(d);
            d.finish(); // the body of any other answer is not read: it could be endless
            return HttpResponse.BodySubscribers.fromSubscriber(new Refusing());
        });
        response.whenComplete((r, e) -> {
            if (e != null) d.fail(e);
        });
        long start = System.nanoTime();
        try {
            while (true) {
                long now = System.nanoTime();
                long idleLeft = d.lastActivity + idle.toNanos() - now;
                long totalLeft = start + total.toNanos() - now;
                if (totalLeft <= 0) {
                    throw OwsException.invalid(input, input + ": the reference was not downloaded within "
                            + total.toSeconds() + " s");
                }
                if (idleLeft <= 0) {
                    throw OwsException.invalid(input, input + ": the reference sent nothing for " + idle.toSeconds() + " s");
                }
                try {
                    return d.done.get(Math.min(idleLeft, totalLeft), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // look at the clocks again
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            d.abort(response);
            throw OwsException.invalid(input, input + ": interrupted while fetching the reference");
        } catch (ExecutionException e) {
            d.abort(response);
            if (e.getCause() instanceof OwsException o) throw o;
            throw OwsException.invalid(input, input + ": the reference cannot be fetched");
        } catch (RuntimeException e) {
            d.abort(response);
            throw e;
        } finally {
            if (!d.done.isDone() || d.done.isCompletedExceptionally()) d.abort(response);
            else if (d.status != 200) response.cancel(true);
            d.close();
        }
    }

    /** Cancels the exchange (closing the connection) and deletes the partial file. */
    private void abort(CompletableFuture<?> response) {
        synchronized (lock) {
            if (subscription != null) subscription.cancel();
            close();
        }
        response.cancel(true);
        done.completeExceptionally(new IOException("aborted"));
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }

    private void close() {
        synchronized (lock) {
            try {
                if (out != null) out.close();
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        }
    }

    private void finish() {
        close();
        done.complete(new Result(status, etag));
    }

    private void fail(Throwable e) {
        done.completeExceptionally(e);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        synchronized (lock) {
            subscription = s;
            if (done.isDone()) s.cancel();
            else s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        synchronized (lock) {
            if (done.isDone()) return;
            try {
                for (ByteBuffer b : buffers) {
                    total += b.remaining();
                    if (total > maxBytes) {
                        subscription.cancel();
                        done.completeExceptionally(new OwsException("FileSizeExceeded", input,
                                input + ": the input exceeds the size limit", 413));
                        return;
                    }
                    while (b.hasRemaining()) out.write(b);
                }
                lastActivity = System.nanoTime();
                subscription.request(1);
            } catch (IOException e) {
                subscription.cancel();
                done.completeExceptionally(e);
            }
        }
    }

    @Override
    public void onError(Throwable e) {
        done.completeExceptionally(e);
    }

    @Override
    public void onComplete() {
        finish();
    }

    /** Cancels a body nobody reads. */
    private static final class Refusing implements Flow.Subscriber<List<ByteBuffer>> {
        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.cancel();
        }

        @Override
        public void onNext(List<ByteBuffer> item) {}

        @Override
        public void onError(Throwable e) {}

        @Override
        public void onComplete() {}
    }
}
