package org.esvflow.routes.manifest;

import java.util.List;

/** A study manifest that cannot be run: every problem found, each starting with the field it is about. */
public final class ManifestException extends Exception {
    private final List<String> problems;

    public ManifestException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One entry per problem, e.g. {@code epochs[2].landUse: file not found (landuse/lu_2017.tif)}. */
    public List<String> problems() {
        return problems;
    }
}
