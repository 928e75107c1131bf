package org.esvflow.routes.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.esvflow.routes.testing.DemoStudies;
import org.esvflow.routes.testing.FakeProcesses;
import org.esvflow.routes.testing.FakeWps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Studies started by a manifest dropped into the inbox and by POST /api/studies. */
class TriggersTest {
    @TempDir
    Path dir;

    @Test
    void inboxAndHttpPostRunStudies() throws Exception {
        Path manifest = DemoStudies.small(dir.resolve("study"));
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (FakeWps wps = FakeProcesses.register(new FakeWps(), 0)) {
            PipelineConfig c = StudyPipelineTest.config(wps);
            c.inbox = inbox;
            c.httpPort = port;
            try (StudyPipeline pipeline = StudyPipeline.start(c, PipelineListener.NONE)) {
                // a manifest dropped into the inbox, pointing at its data with 'base'
                String yaml = Files.readString(manifest).replace("workspace: demo", "workspace: inboxed");
                Files.writeString(inbox.resolve(".drop.part"), "base: ../study\n" + yaml.replace("study: demo-bth", "study: from-inbox"));
                Files.move(inbox.resolve(".drop.part"), inbox.resolve("drop.yaml"));
                Path inboxSummary = dir.resolve("study/output/summary.json");
                waitFor(inboxSummary);
                assertTrue(Files.readString(inboxSummary).contains("\"study\" : \"from-inbox\""));

                // POST /api/studies with a manifest path; a broken manifest is refused at once with its problems
                HttpClient http = HttpClient.newHttpClient();
                URI api = URI.create("http://127.0.0.1:" + port + "/api/studies");
                HttpResponse<String> bad = http.send(HttpRequest.newBuilder(api)
                        .POST(HttpRequest.BodyPublishers.ofString(dir.resolve("nope.yaml").toString())).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(400, bad.statusCode());
                assertTrue(bad.body().contains("manifest: file not found"), bad.body());
                Files.delete(inboxSummary);
                HttpResponse<String> ok = http.send(HttpRequest.newBuilder(api)
                        .POST(HttpRequest.BodyPublishers.ofString(manifest.toString())).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(202, ok.statusCode(), ok.body());
                waitFor(inboxSummary);
                assertTrue(Files.readString(inboxSummary).contains("\"study\" : \"demo-bth\""));
            }
        }
    }

    private static void waitFor(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!Files.exists(file) && System.nanoTime() < deadline) Thread.sleep(100);
        assertTrue(Files.exists(file), file + " never appeared");
    }
}
