package org.esvflow.routes.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.esvflow.routes.testing.DemoStudies;
import org.esvflow.routes.testing.FakeProcesses;
import org.esvflow.routes.testing.FakeWps;
import org.esvflow.routes.testing.RunStudy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline killed mid-run (SIGKILL of its JVM) finishes on the next run without redoing its completed steps. */
class ResumeTest {
    @TempDir
    Path dir;

    @Test
    void killedRunResumesWithoutRedoingCompletedSteps() throws Exception {
        Path manifest = DemoStudies.small(dir.resolve("study"));
        Path out = dir.resolve("out");
        try (FakeWps wps = FakeProcesses.register(new FakeWps(), 150)) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process first = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    RunStudy.class.getName(), wps.url(), manifest.toString(), out.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("first.log").toFile()).start();
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (records(out).size() < 10 && first.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
            assertTrue(first.isAlive(), "the first run must still be running when killed");
            first.destroyForcibly().waitFor();
            Set<String> completed = records(out);
            assertTrue(completed.size() >= 10 && completed.size() < 82, completed::toString);
            int callsBefore = wps.totalExecutions();

            Set<String> rerun = ConcurrentHashMap.newKeySet();
            java.util.Map<String, StepTable.Step> steps = new ConcurrentHashMap<>();
            Set<String> kept = ConcurrentHashMap.newKeySet();
            PipelineListener listener = new PipelineListener() {
                @Override
                public void done(StepInstance step, double seconds) {
                    rerun.add(StepRecords.fileName(step.key()));
                    steps.put(StepRecords.fileName(step.key()), step.step());
                }

                @Override
                public void skipped(StepInstance step) {
                    kept.add(StepRecords.fileName(step.key()));
                }
            };
            PipelineConfig c = StudyPipelineTest.config(wps);
            StudySummary s;
            try (StudyPipeline second = StudyPipeline.start(c, listener)) {
                s = second.run(manifest, out);
            }
            assertTrue(s.succeeded(), () -> "failed: " + s.failed());
            assertEquals(completed, kept, "every step completed before the kill is kept");
            assertEquals(82 - completed.size(), s.executed()); // 82 steps: see StudyPipelineTest
            assertTrue(rerun.stream().noneMatch(completed::contains));
            // WPS calls of the second run: one per step run again, plus one gs:Import per layer it publishes
            int expectedCalls = 0;
            for (String file : rerun) {
                StepTable.Step step = steps.get(file);
                expectedCalls += step.isPublishOnly() ? 1 : 1 + (int) step.outputs().values().stream().filter(o -> o.layer() != null).count();
            }
            assertEquals(expectedCalls, wps.totalExecutions() - callsBefore);
        }
    }

    private static Set<String> records(Path out) throws Exception {
        Path steps = out.resolve("steps");
        if (!Files.isDirectory(steps)) return Set.of();
        try (Stream<Path> s = Files.list(steps)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith("."))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }
}
