package org.esvflow.routes.wps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A result reference names a file of the local output store only through a valid execution id and output id. */
class LocalResultsTest {
    @TempDir
    Path store;

    static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    @Test
    void aResultReferenceNamesItsStoredFile() throws Exception {
        Path file = Files.write(Files.createDirectories(store.resolve(ID)).resolve("esv.tif"), new byte[] {1});
        LocalResults local = new LocalResults(store);
        assertEquals(file.toAbsolutePath(), local.find("http://127.0.0.1:8080/ows?service=WPS&version=1.0.0"
                + "&request=GetExecutionResult&executionId=" + ID + "&outputId=esv.tif&mimetype=image/tiff"));
        // not stored, another operation, or ids that could leave the store: download instead
        assertNull(local.find("http://127.0.0.1:8080/ows?request=GetExecutionResult&executionId=" + ID + "&outputId=other.tif"));
        assertNull(local.find("http://127.0.0.1:8080/ows?request=GetExecutionStatus&executionId=" + ID + "&outputId=esv.tif"));
        assertNull(local.find("http://127.0.0.1:8080/ows?request=GetExecutionResult&executionId=../" + ID + "&outputId=esv.tif"));
        assertNull(local.find("http://127.0.0.1:8080/ows?request=GetExecutionResult&executionId=" + ID + "&outputId=..%2Fesv.tif"));
        assertNull(local.find("http://h/files/r1/esv.tif"));
    }
}
