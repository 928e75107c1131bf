package org.esvflow.routes.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * Settings of the pipeline, from {@code application.properties} overridden by system properties of the same name
 * ({@code -Desvflow.wps.url=...}) and by the command line.
 */
public final class PipelineConfig {
    public String wpsUrl;
    /** WPS process that publishes a raster as a layer; blank to publish nothing. */
    public String publishProcess;
    public int parallelEpochs;
    public int retries;
    public Duration retryDelay;
    public Duration minPollInterval;
    public Duration maxPollInterval;
    public Duration stepTimeout;
    public String filesHost;
    public int filesPort;
    /** Base URL the WPS server reaches the study files at, when not {@code http://filesHost:filesPort}. */
    public String filesPublicUrl;
    /** Step table file; null for the shipped one. */
    public Path stepTable;
    /** Watched folder for manifests; null to watch none. */
    public Path inbox;
    /** Port of the HTTP trigger (POST /api/studies); 0 or less for none. */
    public int httpPort;
    /**
     * Output store of the WPS server when it runs on this machine (the embedded server's): results are then given a
     * second name in the study folder (a hard link) instead of downloaded. Null: download.
     */
    public Path wpsOutputDir;
    /**
     * The WPS server computes in this JVM (the embedded server): epoch groups then run at once only as far as the
     * heap holds them ({@link HeapBudget}).
     */
    public boolean serverSharesHeap;
    /** Dismiss the study's executions on the WPS server when it ends (their outputs are in the study folder by then). */
    public boolean dismissExecutions = true;

    public static PipelineConfig load() throws IOException {
        Properties p = new Properties();
        try (InputStream in = PipelineConfig.class.getResourceAsStream("/application.properties")) {
            if (in != null) p.load(in);
        }
        for (String name : p.stringPropertyNames()) {
            String override = System.getProperty(name);
            if (override != null) p.setProperty(name, override);
        }
        PipelineConfig c = new PipelineConfig();
        c.wpsUrl = p.getProperty("esvflow.wps.url", "http://localhost:8080/ows");
        c.publishProcess = p.getProperty("esvflow.publish.process", "gs:Import");
        c.parallelEpochs = Integer.parseInt(p.getProperty("esvflow.parallel.epochs", "2"));
        c.retries = Integer.parseInt(p.getProperty("esvflow.retry.max", "4"));
        c.retryDelay = Duration.ofMillis(Long.parseLong(p.getProperty("esvflow.retry.delayMs", "1000")));
        c.minPollInterval = Duration.ofMillis(Long.parseLong(p.getProperty("esvflow.wps.pollMinMs", "100")));
        c.maxPollInterval = Duration.ofMillis(Long.parseLong(p.getProperty("esvflow.wps.pollMaxMs", "250")));
        c.stepTimeout = Duration.ofMinutes(Long.parseLong(p.getProperty("esvflow.wps.timeoutMinutes", "120")));
        c.filesHost = p.getProperty("esvflow.files.host", "127.0.0.1");
        c.filesPort = Integer.parseInt(p.getProperty("esvflow.files.port", "0"));
        c.filesPublicUrl = blankToNull(p.getProperty("esvflow.files.publicUrl"));
        String table = blankToNull(p.getProperty("esvflow.steps"));
        c.stepTable = table == null ? null : Path.of(table);
        String inbox = blankToNull(p.getProperty("esvflow.inbox"));
        c.inbox = inbox == null ? null : Path.of(inbox);
        c.httpPort = Integer.parseInt(p.getProperty("esvflow.http.port", "0"));
        c.dismissExecutions = Boolean.parseBoolean(p.getProperty("esvflow.wps.dismiss", "true"));
        String store = blankToNull(p.getProperty("esvflow.wps.outputDir"));
        c.wpsOutputDir = store == null ? null : Path.of(store);
        return c;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
