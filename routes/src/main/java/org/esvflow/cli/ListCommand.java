package org.esvflow.cli;

import java.util.concurrent.Callable;
import org.geotools.api.feature.type.Name;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", description = "Lists the processes (as WPS GetCapabilities will).")
final class ListCommand implements Callable<Integer> {
    @Option(names = "--all", description = "Include GeoTools' built-in processes.")
    boolean all;

    @Override
    public Integer call() {
        for (Name name : ProcessCatalog.names(all)) {
            String title = ProcessCatalog.factory(name).getTitle(name).toString();
            System.out.printf("%-28s %s%n", ProcessCatalog.qualified(name), title);
        }
        return 0;
    }
}
