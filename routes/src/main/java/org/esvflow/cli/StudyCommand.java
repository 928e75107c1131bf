package org.esvflow.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
import picocli.CommandLine.Parameters;

@Command(name = "study", description = "Whole studies: every WPS step over every epoch, chained by Camel routes.",
        subcommands = {StudyCommand.Run.class})
final class StudyCommand {

    @Command(name = "run", description = "Runs a study manifest (study.yaml): validates it, runs each step as a WPS "
            + "process (skipping steps already done with the same inputs), publishes layers, writes tables, provenance "
            + "and report into the output folder.")
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MANIFEST", description = "study.yaml")
        Path manifest;

        @Option(names = "--out", description = "Output folder. Default: output/ beside the manifest.")
        Path out;

        @Option(names = "--wps", description = "WPS URL to run on (e.g. a GeoServer's /ows). Default: the embedded server, "
                + "started for this run.")
        String wps;

        @Option(names = "--data-dir", description = "GeoServer data directory of the embedded server. Default: "
                + "geoserver-data/ in the output folder.")
        Path dataDir;

        @Override
        public Integer call() throws Exception {
            try {
                ManifestReader.read(manifest);
            } catch (ManifestException e) {
                throw new InvalidInputException("manifest", String.join("\n  ", e.problems()));
            }
            PipelineConfig config = PipelineConfig.load();
            StudyFileServer files = new StudyFileServer(config.filesHost, config.filesPort, config.filesPublicUrl);
            EmbeddedServer server = null;
            try {
                Path output = out != null ? out : manifest.toAbsolutePath().getParent().resolve("output");
                if (wps != null) {
                    config.wpsUrl = wps;
                } else {
                    server = EmbeddedServer.start(0, prepareDataDir(dataDir != null ? dataDir : output.resolve("geoserver-data")),
                            files.prefix());
                    server.configure(config);
                }
                try (StudyPipeline pipeline = StudyPipeline.start(config, new ConsoleListener(System.err), files)) {
                    StudySummary s = pipeline.run(manifest, out);
                    System.out.println(s.output());
                    return s.succeeded() ? 0 : Errors.FAILED;
                }
            } catch (ManifestException e) {
                throw new InvalidInputException("manifest", String.join("\n  ", e.problems()));
            } finally {
                if (server != null) server.close();
                files.close();
            }
        }
    }

    /**
     * A data directory with the shipped styles: each missing style is copied from geoserver-data/styles of the
     * working directory or installation, else from the copy inside the jar.
     */
    static Path prepareDataDir(Path dir) throws java.io.IOException {
        Path styles = dir.resolve("styles");
        Files.createDirectories(styles);
        Path shipped = StartCommand.shippedStyles();
        if (shipped != null) copyMissing(shipped, styles);
        else copyMissingFromClasspath(styles);
        return dir;
    }

    /** Copies the styles packaged in the jar (esvflow/styles) that {@code styles} lacks. */
    static void copyMissingFromClasspath(Path styles) throws java.io.IOException {
        java.net.URL inJar = StudyCommand.class.getResource("/esvflow/styles/esv.sld");
        if (inJar == null) throw new java.io.IOException("no shipped styles found (geoserver-data/styles or the jar's esvflow/styles)");
        try {
            if ("jar".equals(inJar.getProtocol())) {
                try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(inJar.toURI(), java.util.Map.of())) {
                    copyMissing(jar.getPath("/esvflow/styles"), styles);
                }
            } else {
                copyMissing(Path.of(inJar.toURI()).getParent(), styles);
            }
        } catch (java.net.URISyntaxException e) {
            throw new java.io.IOException(e);
        }
    }

    private static void copyMissing(Path from, Path to) throws java.io.IOException {
        try (var list = Files.list(from)) {
            for (Path f : (Iterable<Path>) list::iterator) {
                Path target = to.resolve(f.getFileName().toString());
                if (!Files.exists(target)) Files.copy(f, target);
            }
        }
    }
}
