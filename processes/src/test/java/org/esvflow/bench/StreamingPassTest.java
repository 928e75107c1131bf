package org.esvflow.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@link StreamingPass} on 20 000 × 20 000 pixels in a JVM limited to 1 GB of heap. */
class StreamingPassTest {
    @TempDir Path dir;

    @Test
    void twentyThousandSquaredPassesWithOneGigabyteOfHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                StreamingPass.class.getName(), "20000", dir.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        System.out.println(out);
        Matcher m = Pattern.compile("peak_heap_mb=(\\d+).*checksum=([0-9.]+)").matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Long.parseLong(m.group(1)) < 1024, "peak heap must stay under 1 GB: " + out); // the JVM had -Xmx1g anyway
        // the last 3 × 3 pixels (x, y in 19997..19999): none on a 97th column (19982 and 20079 are the nearest), so
        // each is 1.5 × (1 + (x/7 + y/5) % 9); x/7 = 2856, 2856, 2857; y/5 = 3999 for all three rows
        double expected = 0;
        for (int y = 19997; y < 20000; y++) for (int x = 19997; x < 20000; x++) expected += 1.5 * (1 + (x / 7 + y / 5) % 9);
        assertEquals(expected, Double.parseDouble(m.group(2)), 1e-6);
        assertTrue(new File(dir.toFile(), "reclass.tif").length() > 0);
    }
}
