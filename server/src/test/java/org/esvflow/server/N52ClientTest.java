package org.esvflow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.esvflow.server.testing.Fixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.n52.geoprocessing.wps.client.ExecuteRequestBuilder;
import org.n52.geoprocessing.wps.client.WPSClientSession;
import org.n52.geoprocessing.wps.client.model.Process;
import org.n52.geoprocessing.wps.client.model.Result;
import org.n52.geoprocessing.wps.client.model.StatusInfo;
import org.n52.geoprocessing.wps.client.model.WPSCapabilities;
import org.n52.geoprocessing.wps.client.model.execution.Data;

/** 52°North's Java WPS client (wps-client-lib 1.1.0) against the server: capabilities, describe, sync and async. */
class N52ClientTest {
    static Fixture f;
    static String url;
    static WPSClientSession session;

    @BeforeAll
    static void start() throws Exception {
        f = new Fixture();
        url = f.server.baseUrl() + "/wps";
        session = new WPSClientSession();
        assertTrue(session.connect(url, WPSClientSession.VERSION_100));
    }

    @AfterAll
    static void stop() throws Exception {
        session.disconnect(url);
        f.close();
    }

    @Test
    void capabilitiesAndDescribe() throws Exception {
        WPSCapabilities caps = session.getWPSCaps(url);
        List<String> ids = caps.getProcesses().stream().map(Process::getId).toList();
        assertTrue(ids.containsAll(List.of("lu:ClassArea", "lu:AlignGrid", "gs:Import", "test:Slow")), ids.toString());
        Process p = session.getProcessDescription(url, "lu:ClassArea", WPSClientSession.VERSION_100);
        assertEquals("landUse", p.getInputs().get(0).getId());
        assertEquals("areas", p.getOutputs().get(0).getId());
    }

    @Test
    void syncExecuteWithWcsReference() throws Exception {
        Process p = session.getProcessDescription(url, "lu:ClassArea", WPSClientSession.VERSION_100);
        ExecuteRequestBuilder b = new ExecuteRequestBuilder(p);
        b.addComplexDataReference("landUse", f.server.baseUrl()
                + "/wcs?service=WCS&version=2.0.1&request=GetCoverage&coverageId=demo__landuse", null, null, "image/tiff");
        b.setResponseDocument("areas", null, null, "text/csv");
        Object response = session.execute(url, b.getExecute(), WPSClientSession.VERSION_100);
        Result result = response instanceof StatusInfo s ? s.getResult() : assertInstanceOf(Result.class, response);
        Data areas = result.getOutputs().get(0);
        assertEquals("areas", areas.getId());
        String csv = String.valueOf(areas.getValue()).trim();
        WpsTest.assertQuadrants(WpsTest.areas(csv));
    }

    @Test
    void asyncExecuteIsPolledToCompletion() throws Exception {
        Process p = session.getProcessDescription(url, "test:Slow", WPSClientSession.VERSION_100);
        ExecuteRequestBuilder b = new ExecuteRequestBuilder(p);
        b.addLiteralData("steps", "12", "", "", "");
        b.addLiteralData("stepMillis", "50", "", "", "");
        b.setResponseDocument("steps", "", "", "");
        b.setAsynchronousExecute();
        Object response = session.execute(url, b.getExecute(), WPSClientSession.VERSION_100);
        Result result = response instanceof StatusInfo s ? s.getResult() : assertInstanceOf(Result.class, response);
        assertEquals("12", String.valueOf(result.getOutputs().get(0).getValue()));
    }
}
