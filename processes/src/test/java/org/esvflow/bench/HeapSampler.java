package org.esvflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * Heap figures for benchmarks: the largest heap in use seen by sampling every 20 ms (garbage included, so an upper
 * bound of what is needed), and the largest heap still in use right after a collection (what is really live).
 */
public final class HeapSampler {
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peakUsed;

    private HeapSampler() {
        thread = new Thread(() -> {
            while (running) {
                peakUsed = Math.max(peakUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
    }

    public static HeapSampler start() {
        HeapSampler s = new HeapSampler();
        s.thread.start();
        return s;
    }

    public void stop() throws InterruptedException {
        running = false;
        thread.join();
    }

    public long peakUsedMb() {
        return peakUsed >> 20;
    }

    /** Sum over heap pools of the peak usage recorded just after collections. */
    public long liveAfterGcMb() {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage after = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (after != null) live = Math.max(live, after.getUsed());
        }
        return live >> 20;
    }
}
