package org.esvflow.routes.manifest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A validated study manifest ({@code study.yaml}). The typed accessors cover what the pipeline itself needs (study
 * id, epochs, output workspace); every other setting is read by the step table through {@link #value(String)}, so a
 * new process parameter needs no change here.
 *
 * @param file the manifest file
 * @param id study identifier (letters, digits, '_' or '-'), used in folder and layer names
 * @param title human title of the study
 * @param epochs epochs in increasing year order (at least one)
 * @param workspace OGC workspace the study's layers are published in
 * @param root the whole document as parsed (maps, lists, strings, numbers, booleans)
 */
public record StudyManifest(Path file, String id, String title, List<Epoch> epochs, String workspace,
        Map<String, Object> root) {

    /** One epoch: its year and its fields (landUse, npp, landsat, ...) as written in the manifest. */
    public record Epoch(int index, int year, Map<String, Object> fields) {}

    /**
     * Folder the manifest's relative paths are resolved against: the manifest's own folder, or its {@code base}
     * (itself relative to the manifest's folder), so a manifest dropped into an inbox can point at its data.
     */
    public Path dir() {
        return baseDir(file, root);
    }

    static Path baseDir(Path file, Map<String, Object> root) {
        Path own = file.toAbsolutePath().getParent();
        return root.get("base") instanceof String base ? own.resolve(base).normalize() : own;
    }

    /** A path written in the manifest, resolved against the manifest's folder. */
    public Path resolve(String relative) {
        return dir().resolve(relative).normalize();
    }

    /**
     * The value at a dotted path from the document root, e.g. {@code standardEquivalent.value} or
     * {@code regions.counties.file}; null when any part is absent.
     */
    public Object value(String path) {
        return Paths.get(root, path);
    }

    /** Consecutive epochs (t, t+1): the periods of change steps. */
    public List<Period> periods() {
        java.util.ArrayList<Period> out = new java.util.ArrayList<>();
        for (int i = 1; i < epochs.size(); i++) out.add(new Period(epochs.get(i - 1), epochs.get(i)));
        return out;
    }

    /** Two consecutive epochs. */
    public record Period(Epoch before, Epoch after) {
        public String label() {
            return before.year() + "_" + after.year();
        }
    }

    /** Dotted-path lookup in nested maps. */
    static final class Paths {
        private Paths() {}

        static Object get(Object node, String path) {
            Object current = node;
            for (String part : path.split("\\.")) {
                if (!(current instanceof Map<?, ?> map)) return null;
                current = map.get(part);
            }
            return current;
        }
    }
}
