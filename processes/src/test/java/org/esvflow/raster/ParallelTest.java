package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void everyIndexRunsExactlyOnce() {
        for (int n : new int[] {0, 1, 2, 3, 17, 1000}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(1, n));
            Parallel.forEach(n, runs::incrementAndGet);
            for (int i = 0; i < n; i++) assertEquals(1, runs.get(i), "n=" + n + " index " + i);
        }
    }

    @Test
    void mapKeepsIndexOrder() {
        List<Integer> squares = Parallel.map(200, i -> i * i);
        assertEquals(200, squares.size());
        for (int i = 0; i < 200; i++) assertEquals(i * i, squares.get(i));
    }

    @Test
    void aFailureReachesTheCallerAndSkipsTheRest() {
        IllegalArgumentException boom = new IllegalArgumentException("item 3");
        AtomicInteger ran = new AtomicInteger();
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> Parallel.forEach(10_000, i -> {
            ran.incrementAndGet();
            if (i == 3) throw boom;
        }));
        assertSame(boom, thrown);
        assertTrue(ran.get() < 10_000, "items after the failure are skipped, ran " + ran.get());
    }

    /** Callers on plain threads, each nesting a second level, more callers than cores: all finish, nothing lost. */
    @Test
    void nestedCallsFromManyThreadsComplete() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int callers = 6, outer = 8, inner = 16;
            AtomicInteger total = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int c = 0; c < callers; c++) {
                Thread t = new Thread(() -> Parallel.forEach(outer, o -> Parallel.forEach(inner, i -> {
                    busy();
                    total.incrementAndGet();
                })));
                t.setUncaughtExceptionHandler((th, e) -> failure.set(e));
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) t.join();
            assertEquals(null, failure.get());
            assertEquals(callers * outer * inner, total.get());
        });
    }

    @Test
    void anInterruptedCallerCancels() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                Parallel.forEach(1_000, i -> {
                    started.countDown();
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CancellationException("item " + i);
                    }
                });
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        caller.start();
        started.await();
        caller.interrupt();
        caller.join(30_000);
        assertTrue(outcome.get() instanceof CancellationException, String.valueOf(outcome.get()));
    }

    private static void busy() {
        double s = 0;
        for (int i = 0; i < 20_000; i++) s += Math.sqrt(i + s % 3);
        if (s < 0) throw new AssertionError();
    }
}
