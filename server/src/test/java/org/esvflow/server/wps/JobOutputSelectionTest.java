package org.esvflow.server.wps;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.esvflow.process.OutputSelection;
import org.esvflow.server.ows.Kvp;
import org.junit.jupiter.api.Test;

/** A job tells its process which outputs the Execute asked for (OutputSelection), as the request names them. */
class JobOutputSelectionTest {
    private static Job job(Map<String, String> kvp) {
        return new Job("j", null, ExecuteRequest.fromKvp(new Kvp(kvp)), "http://localhost", null, false, "me");
    }

    @Test
    void aResponseDocumentSelectsItsOutputs() {
        Job job = job(Map.of("identifier", "esv:Value", "ResponseDocument", "esv@asReference=true;totals"));
        assertTrue(OutputSelection.requested(job, "esv"));
        assertTrue(OutputSelection.requested(job, "totals"));
        assertFalse(OutputSelection.requested(job, "byClass"));
        assertFalse(OutputSelection.requested(job, "esvPerHa"));
    }

    @Test
    void aRawDataOutputSelectsItsOneOutput() {
        Job job = job(Map.of("identifier", "esv:Value", "RawDataOutput", "byClass@mimeType=text/csv"));
        assertTrue(OutputSelection.requested(job, "byClass"));
        assertFalse(OutputSelection.requested(job, "esv"));
    }

    @Test
    void noOutputNamedMeansEveryOutput() {
        Job job = job(Map.of("identifier", "esv:Value"));
        assertTrue(OutputSelection.requested(job, "esv"));
        assertTrue(OutputSelection.requested(job, "byRegion"));
        // a listener that does not select (GeoServer's, or none) asks for everything too
        assertTrue(OutputSelection.requested(null, "esv"));
    }
}
