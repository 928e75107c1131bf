package org.esvflow.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.esvflow.demo.DemoStudy;
import org.esvflow.routes.manifest.ManifestWriter;
import org.esvflow.process.InvalidInputException;
import org.esvflow.routes.manifest.ManifestException;
import org.esvflow.routes.manifest.ManifestReader;
import org.esvflow.routes.pipeline.EmbeddedServer;
import org.esvflow.routes.pipeline.PipelineConfig;
import org.esvflow.routes.pipeline.StudyFileServer;
import org.esvflow.routes.pipeline.StudyPipeline;
import org.esvflow.routes.pipeline.StudySummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job: generates the demo study if absent, starts the embedded OGC server, runs the study pipeline, prints
 * the viewer URL and the output folder, and keeps serving (and watching the inbox) until interrupted.
 */
@Command(name = "start", description = "Generates the demo study if absent, starts the embedded OGC server, runs the "
        + "study pipeline, prints the web viewer's URL and the output folder, and keeps serving until Ctrl-C.")
final class StartCommand implements Callable<Integer> {
    @Option(names = "--study", description = "Study manifest to run. Default: the demo study in --study-dir.")
    Path study;

    @Option(names = "--study-dir", defaultValue = "demo-study", description = "Where the demo study is generated "
            + "if absent. Default: ${DEFAULT-VALUE}.")
    Path studyDir;

    @Option(names = "--out", defaultValue = "output", description = "Output folder of the study (tables, rasters, "
            + "report, provenance; the embedded server's catalog in geoserver-data/). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--inbox", defaultValue = "inbox", description = "Watched folder: a study.yaml dropped here is run. "
            + "Default: ${DEFAULT-VALUE}.")
    Path inbox;

    @Option(names = "--size", defaultValue = "small", description = "Demo size: small or full. Default: ${DEFAULT-VALUE}.")
    String size;

    @Option(names = "--port", defaultValue = "8080", description = "Port of the OGC server (WPS, WMS, WCS at /ows). "
            + "Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--viewer-port", defaultValue = "8090", description = "Port of the web viewer. Default: ${DEFAULT-VALUE}.")
    int viewerPort;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface the viewer and the embedded OGC server "
            + "bind to (0.0.0.0: every interface). Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--wps", description = "Run on this WPS server instead of the embedded one (e.g. a GeoServer's /ows).")
    String wps;

    @Option(names = "--once", description = "Stop after the run instead of serving.")
    boolean once;

    @Override
    public Integer call() throws Exception {
        Path manifest = study != null ? study : demoManifest();
        try {
            ManifestReader.read(manifest);
        } catch (ManifestException e) {
            throw new InvalidInputException("manifest", String.join("\n  ", e.problems()));
        }
        PipelineConfig config = PipelineConfig.load();
        config.inbox = inbox.toAbsolutePath();
        Files.createDirectories(config.inbox);
        StudyFileServer files = new StudyFileServer(host, viewerPort, null);
        EmbeddedServer server = null;
        try {
            if (wps != null) {
                config.wpsUrl = wps;
            } else {
                server = EmbeddedServer.start(host, port, StudyCommand.prepareDataDir(out.resolve("geoserver-data")), files.prefix());
                server.configure(config);
            }
            files.serveViewer(config.wpsUrl);
            try (StudyPipeline pipeline = StudyPipeline.start(config, new ConsoleListener(System.err), files)) {
                System.out.println("viewer:  " + files.viewerUrl() + " (layers appear as the study runs)");
                System.out.flush();
                StudySummary s;
                try {
                    s = pipeline.run(manifest, out);
                } catch (ManifestException e) {
                    throw new InvalidInputException("manifest", String.join("\n  ", e.problems()));
                }
                System.out.println("viewer:  " + files.viewerUrl());
                System.out.println("output:  " + s.output());
                System.out.println("OGC:     " + config.wpsUrl);
                System.out.println("inbox:   " + config.inbox + " (drop a study.yaml to run it)");
                System.out.flush();
                if (once) return s.succeeded() ? 0 : Errors.FAILED;
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                stop.await();
                return 0;
            }
        } finally {
            if (server != null) server.close();
            files.close();
        }
    }

    private Path demoManifest() throws Exception {
        Path manifest = studyDir.resolve("study.yaml");
        if (Files.isRegularFile(manifest)) return manifest;
        DemoStudy.Size chosen;
        try {
            chosen = DemoStudy.Size.valueOf(size.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--size", "expected small or full, got '" + size + "'");
        }
        System.err.println("generating the " + size + " demo study in " + studyDir.toAbsolutePath());
        return ManifestWriter.writeDemo(studyDir, chosen, DemoStudy.DEFAULT_SEED, line -> System.err.println("demo-data: " + line));
    }

    /** {@code geoserver-data/styles} of the working directory or of the installation (beside routes/target). */
    static Path shippedStyles() {
        Path cwd = Path.of("geoserver-data", "styles");
        if (Files.isDirectory(cwd)) return cwd;
        try {
            Path jar = Path.of(StartCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path repo = jar.getParent() == null ? null : jar.getParent().getParent();
            if (repo != null && repo.getParent() != null) {
                Path styles = repo.getParent().resolve("geoserver-data").resolve("styles");
                if (Files.isDirectory(styles)) return styles;
            }
        } catch (Exception e) {
            return null;
        }
        return null;
    }
}
