package org.esvflow.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of an {@link OgcServer}. Defaults are safe to expose: remote input references off, bounded queues, limits
 * on body size, input size and pixel count.
 */
public final class ServerConfig {
    final int port;
    final String host;
    final Path dataDir;
    final Path outputDir;
    final String proxyBaseUrl;
    final int maxSyncExecutions;
    final int maxAsyncExecutions;
    final int maxQueuedExecutions;
    final Duration maxExecutionTime;
    final Duration resultExpiry;
    final long maxRequestBytes;
    final long maxInputBytes;
    final long maxInputPixels;
    final List<String> remoteInputAllowList;
    final int maxMapPixels;
    final int maxMapWidth;
    final int maxMapHeight;
    final int maxLayersPerMap;
    final Duration maxRenderTime;
    final int maxChainDepth;
    final String adminPassword;
    final InputLimits inputLimits;

    private ServerConfig(Builder b) {
        this.port = b.port;
        this.host = b.host;
        this.dataDir = b.dataDir;
        this.outputDir = b.outputDir != null ? b.outputDir : b.dataDir.resolve("temp").resolve("wps");
        this.proxyBaseUrl = b.proxyBaseUrl == null ? null : b.proxyBaseUrl.replaceAll("/+$", "");
        this.maxSyncExecutions = b.maxSyncExecutions;
        this.maxAsyncExecutions = b.maxAsyncExecutions;
        this.maxQueuedExecutions = b.maxQueuedExecutions;
        this.maxExecutionTime = b.maxExecutionTime;
        this.resultExpiry = b.resultExpiry;
        this.maxRequestBytes = b.maxRequestBytes;
        this.maxInputBytes = b.maxInputBytes;
        this.maxInputPixels = b.maxInputPixels;
        this.remoteInputAllowList = List.copyOf(b.remoteInputAllowList);
        this.maxMapPixels = b.maxMapPixels;
        this.maxMapWidth = b.maxMapWidth;
        this.maxMapHeight = b.maxMapHeight;
        this.maxLayersPerMap = b.maxLayersPerMap;
        this.maxRenderTime = b.maxRenderTime;
        this.maxChainDepth = b.maxChainDepth;
        this.adminPassword = b.adminPassword == null || b.adminPassword.isEmpty() ? null : b.adminPassword;
        this.inputLimits = b.inputLimits;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path outputDir() {
        return outputDir;
    }

    public String proxyBaseUrl() {
        return proxyBaseUrl;
    }

    public int maxSyncExecutions() {
        return maxSyncExecutions;
    }

    public int maxAsyncExecutions() {
        return maxAsyncExecutions;
    }

    public int maxQueuedExecutions() {
        return maxQueuedExecutions;
    }

    public Duration maxExecutionTime() {
        return maxExecutionTime;
    }

    public Duration resultExpiry() {
        return resultExpiry;
    }

    public long maxRequestBytes() {
        return maxRequestBytes;
    }

    public long maxInputBytes() {
        return maxInputBytes;
    }

    public long maxInputPixels() {
        return maxInputPixels;
    }

    public List<String> remoteInputAllowList() {
        return remoteInputAllowList;
    }

    public int maxMapPixels() {
        return maxMapPixels;
    }

    /** Largest GetMap WIDTH, advertised as {@code MaxWidth} in the WMS capabilities. */
    public int maxMapWidth() {
        return maxMapWidth;
    }

    /** Largest GetMap HEIGHT, advertised as {@code MaxHeight}. */
    public int maxMapHeight() {
        return maxMapHeight;
    }

    /** Most layers one GetMap (LAYERS) or GetFeatureInfo (QUERY_LAYERS) may name, repeats included. */
    public int maxLayersPerMap() {
        return maxLayersPerMap;
    }

    /** Wall time one GetMap may spend painting before it is answered with an exception. */
    public Duration maxRenderTime() {
        return maxRenderTime;
    }

    /** How deep in-process Execute references may nest (an Execute inside an input of an Execute is depth 1). */
    public int maxChainDepth() {
        return maxChainDepth;
    }

    /** Password of the user {@code admin} (HTTP Basic), or null when none is configured. */
    public String adminPassword() {
        return adminPassword;
    }

    /** The interface the server binds to. */
    public String host() {
        return host;
    }

    /** Decoded block size, XML element count and depth, reference timeouts; {@link InputLimits#DEFAULT} unless set. */
    public InputLimits inputLimits() {
        return inputLimits;
    }

    public static final class Builder {
        private int port = 8080;
        private String host = "127.0.0.1";
        private Path dataDir = Path.of("geoserver-data");
        private Path outputDir;
        private String proxyBaseUrl;
        private int maxSyncExecutions = 2;
        private int maxAsyncExecutions = 2;
        private int maxQueuedExecutions = 64;
        private Duration maxExecutionTime = Duration.ofHours(2);
        private Duration resultExpiry = Duration.ofHours(24);
        private long maxRequestBytes = 64L << 20;
        private long maxInputBytes = 2L << 30;
        private long maxInputPixels = 2_000_000_000L;
        private final List<String> remoteInputAllowList = new ArrayList<>();
        private int maxMapPixels = 4096 * 4096;
        private int maxMapWidth = 4096;
        private int maxMapHeight = 4096;
        private int maxLayersPerMap = 16;
        private Duration maxRenderTime = Duration.ofSeconds(60);
        private int maxChainDepth = 3;
        private String adminPassword;
        private InputLimits inputLimits = InputLimits.DEFAULT;

        /** TCP port; 0 picks a free one. Default 8080. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Interface to bind; default the loopback interface (127.0.0.1), {@code 0.0.0.0} for all. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** GeoServer data directory with workspaces/ and styles/. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Where execution results and status documents are kept; default {@code <dataDir>/temp/wps}. */
        public Builder outputDir(Path outputDir) {
            this.outputDir = outputDir;
            return this;
        }

        /** Public base URL (scheme, host, port, path up to but excluding /ows) used in every URL the server writes. */
        public Builder proxyBaseUrl(String url) {
            this.proxyBaseUrl = url;
            return this;
        }

        public Builder maxSyncExecutions(int n) {
            this.maxSyncExecutions = n;
            return this;
        }

        public Builder maxAsyncExecutions(int n) {
            this.maxAsyncExecutions = n;
            return this;
        }

        /** Executions waiting for a slot (sync and async separately) before ServerBusy is answered. */
        public Builder maxQueuedExecutions(int n) {
            this.maxQueuedExecutions = n;
            return this;
        }

        public Builder maxExecutionTime(Duration d) {
            this.maxExecutionTime = d;
            return this;
        }

        /** How long stored results and status documents are kept. */
        public Builder resultExpiry(Duration d) {
            this.resultExpiry = d;
            return this;
        }

        /** Largest accepted request body in bytes. */
        public Builder maxRequestBytes(long n) {
            this.maxRequestBytes = n;
            return this;
        }

        /** Largest complex input (inline or fetched) in bytes. */
        public Builder maxInputBytes(long n) {
            this.maxInputBytes = n;
            return this;
        }

        /** Largest raster input, width × height. */
        public Builder maxInputPixels(long n) {
            this.maxInputPixels = n;
            return this;
        }

        /**
         * Allows remote http(s) input references whose normalized URL starts with {@code prefix} (end it with '/',
         * e.g. {@code https://data.example.org/rasters/}); none are allowed by default.
         */
        public Builder allowRemoteInputs(String prefix) {
            this.remoteInputAllowList.add(prefix);
            return this;
        }

        /** Largest GetMap image, width × height. */
        public Builder maxMapPixels(int n) {
            this.maxMapPixels = n;
            return this;
        }

        public Builder maxMapWidth(int n) {
            this.maxMapWidth = n;
            return this;
        }

        public Builder maxMapHeight(int n) {
            this.maxMapHeight = n;
            return this;
        }

        public Builder maxLayersPerMap(int n) {
            this.maxLayersPerMap = n;
            return this;
        }

        public Builder maxRenderTime(Duration d) {
            this.maxRenderTime = d;
            return this;
        }

        public Builder maxChainDepth(int n) {
            this.maxChainDepth = n;
            return this;
        }

        /**
         * Password of user {@code admin} (HTTP Basic). With one, {@code gs:Import} needs it and the admin sees every
         * client's executions; without one, {@code gs:Import} is accepted from loopback clients only.
         */
        public Builder adminPassword(String password) {
            this.adminPassword = password;
            return this;
        }

        /**
         * Sets one limit by its name (as {@link ServerLimits#KEYS} lists them) from text: sizes take {@code k}, {@code M},
         * {@code G} suffixes (powers of 1024), durations {@code ms}, {@code s}, {@code m}, {@code h} or ISO 8601.
         * An unknown name or a bad value is an {@link IllegalArgumentException} naming it.
         */
        public Builder set(String name, String value) {
            ServerLimits.apply(this, name, value);
            return this;
        }

        /** Applies every {@code esvflow.server.<name>} system property (see {@link ServerLimits}). */
        public Builder systemProperties() {
            ServerLimits.applyAll(this, System.getProperties());
            return this;
        }

        /** Limits on what a request may make the server read; default {@link InputLimits#DEFAULT}. */
        /** The input limits set so far (for {@link ServerLimits}, which sets them one by one). */
        InputLimits inputLimitsSoFar() {
            return inputLimits;
        }

        public Builder inputLimits(InputLimits limits) {
            this.inputLimits = java.util.Objects.requireNonNull(limits);
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(this);
        }
    }
}
