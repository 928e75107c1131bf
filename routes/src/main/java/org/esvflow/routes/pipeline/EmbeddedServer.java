package org.esvflow.routes.pipeline;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * The embedded OGC server ({@code org.esvflow.server.OgcServer}) started in this JVM for the pipeline: WPS, WMS and
 * WCS at {@link #owsUrl()}, with remote inputs allowed from the pipeline's file server only. The server is found
 * by name so the pipeline also runs against any other WPS when it is absent.
 */
public final class EmbeddedServer implements AutoCloseable {
    static final String SERVER = "org.esvflow.server.OgcServer";
    static final String CONFIG = "org.esvflow.server.ServerConfig";

    private final Object server;
    private final String baseUrl;

    private EmbeddedServer(Object server, String baseUrl) {
        this.server = server;
        this.baseUrl = baseUrl;
    }

    /** True when this build contains the embedded server. */
    public static boolean available() {
        try {
            Class.forName(SERVER);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Starts the server on {@code port} (0: any free port) over the GeoServer data directory {@code dataDir},
     * allowing input references that start with {@code inputsPrefix}.
     */
    public static EmbeddedServer start(int port, Path dataDir, String inputsPrefix) throws Exception {
        if (!available()) {
            throw new IllegalStateException("this build has no embedded OGC server (" + SERVER + "); pass the URL of a WPS server");
        }
        try {
            Class<?> configType = Class.forName(CONFIG);
            Object b = configType.getMethod("builder").invoke(null);
            call(b, "port", int.class, port);
            call(b, "dataDir", Path.class, dataDir);
            call(b, "allowRemoteInputs", String.class, inputsPrefix);
            Object config = b.getClass().getMethod("build").invoke(b);
            Class<?> serverType = Class.forName(SERVER);
            Object server = serverType.getMethod("start", configType).invoke(null, config);
            return new EmbeddedServer(server, (String) serverType.getMethod("baseUrl").invoke(server));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception c ? c : e;
        }
    }

    private static void call(Object target, String name, Class<?> type, Object value) throws ReflectiveOperationException {
        Method m = target.getClass().getMethod(name, type);
        m.invoke(target, value);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String owsUrl() {
        return baseUrl + "/ows";
    }

    /** Blocks until the server stops. */
    public void join() throws Exception {
        server.getClass().getMethod("join").invoke(server);
    }

    @Override
    public void close() throws Exception {
        server.getClass().getMethod("stop").invoke(server);
    }
}
