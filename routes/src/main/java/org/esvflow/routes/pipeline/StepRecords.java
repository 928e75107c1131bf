package org.esvflow.routes.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.esvflow.io.AtomicFiles;

/**
 * Step records and dead-letter records as JSON files in the study output folder, written atomically (a crash
 * leaves either the old file or the new one, never half of one).
 */
final class StepRecords {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path steps;
    private final Path failed;

    StepRecords(Path output) {
        this.steps = output.resolve("steps");
        this.failed = output.resolve("failed");
    }

    StepRecord read(String key) {
        Path f = steps.resolve(fileName(key));
        if (!Files.isRegularFile(f)) return null;
        try {
            return JSON.readValue(f.toFile(), StepRecord.class);
        } catch (IOException e) {
            return null; // an unreadable record is a step to redo
        }
    }

    void write(StepRecord record) throws IOException {
        writeAtomically(steps.resolve(fileName(record.key())), JSON.writeValueAsBytes(record));
        Files.deleteIfExists(failed.resolve(fileName(record.key())));
    }

    void writeFailure(String key, Object failure) throws IOException {
        writeAtomically(failed.resolve(fileName(key)), JSON.writeValueAsBytes(failure));
    }

    static String fileName(String key) {
        return key.replace('@', '_') + ".json";
    }

    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        AtomicFiles.write(file, bytes);
    }
}
