package org.esvflow.cli;

import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code esvflow} command line: the qgis_process of esvflow. */
@Command(
        name = "esvflow",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Ecosystem-service value, RSEI, HAI and GeoDetector as GeoTools/WPS processes.",
        subcommands = {StartCommand.class, StudyCommand.class, ServeCommand.class, ListCommand.class, DescribeCommand.class,
                RunCommand.class, DemoDataCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code: 0 success, 2 bad input, 1 failure. */
    public static int execute(String... args) {
        quietGeoTools();
        if (needsReferencing(args)) ReferencingWarmUp.start(args, GEOREFERENCED.contains(args[0]));
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new Errors());
        return cli.execute(args);
    }

    /** Commands that read or write georeferenced data, and so need GeoTools' EPSG database. */
    private static final Set<String> GEOREFERENCED = Set.of("study", "serve", "start");

    /** A study or a server, or a {@code run} given a GeoTIFF or GeoJSON input (a CSV-only run needs no CRS). */
    static boolean needsReferencing(String... args) {
        if (args.length == 0) return false;
        if (GEOREFERENCED.contains(args[0])) return true;
        if (!args[0].equals("run")) return false;
        for (String a : args) {
            if (ReferencingWarmUp.isGeoTiff(a) || ReferencingWarmUp.isGeoJson(a)) return true;
        }
        return false;
    }

    static void quietGeoTools() {
        System.setProperty("java.awt.headless", "true");
        Logger.getLogger("org.geotools").setLevel(Level.WARNING);
        Logger.getLogger("it.geosolutions").setLevel(Level.WARNING);
        Logger.getLogger("javax.media.jai").setLevel(Level.SEVERE);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"esvflow " + (v == null ? "development build" : v)};
        }
    }
}
