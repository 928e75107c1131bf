package org.esvflow.routes.wps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.esvflow.routes.testing.FakeWps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WpsClientTest {
    @TempDir
    Path dir;
    FakeWps wps;
    WpsClient client;

    @BeforeEach
    void start() throws Exception {
        wps = new FakeWps()
                .process("test:Constant", in -> Map.of("value", in.get("text").get(0)))
                .process("test:Add", in -> {
                    long a = Long.parseLong(new String(in.get("a").get(0), StandardCharsets.UTF_8));
                    long b = Long.parseLong(new String(in.get("b").get(0), StandardCharsets.UTF_8));
                    return Map.of("sum", String.valueOf(a + b).getBytes(StandardCharsets.UTF_8));
                })
                .process("test:Reject", in -> {
                    throw new FakeWps.InvalidInput("landUse", "landUse: no pixel has a known class");
                });
        client = new WpsClient(URI.create(wps.url()), Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        wps.close();
    }

    @Test
    void chainsTwoExecutionsByReference() throws Exception {
        List<ExecuteStatus> seen = new ArrayList<>();
        ExecuteStatus first = client.execute("test:Constant", List.of(WpsInput.literal("text", "7")),
                List.of(new WpsClient.OutputRequest("value", "text/plain")), seen::add);
        assertEquals(ExecuteStatus.State.SUCCEEDED, first.state());
        assertTrue(seen.stream().anyMatch(s -> s.state() == ExecuteStatus.State.STARTED && s.percent() == 50), seen::toString);
        String href = first.outputs().get("value").href();
        assertTrue(href.startsWith("http://127.0.0.1:"), href);

        // the second execution gets the first one's output as a reference, never its bytes
        ExecuteStatus second = client.execute("test:Add",
                List.of(WpsInput.literal("a", 5), WpsInput.reference("b", href, "text/plain")),
                List.of(new WpsClient.OutputRequest("sum", "text/plain")), s -> {});
        assertTrue(wps.executeBodies().get(1).contains("xlink:href=\"" + href + "\""));
        Path file = dir.resolve("sum.txt");
        String sha256 = client.download(second.outputs().get("sum").href(), file);
        assertEquals("12", Files.readString(file)); // 5 + 7
        // the digest computed while downloading is the digest of the file's bytes, "12"
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("12".getBytes(java.nio.charset.StandardCharsets.US_ASCII))), sha256);
        assertTrue(Files.isReadable(file) && Files.getPosixFilePermissions(file).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ),
                "downloaded outputs are readable like other study files");
    }

    @Test
    void serverBusyIsTransient() {
        wps.busy("test:Constant", 1);
        WpsException e = assertThrows(WpsException.class, () -> client.execute("test:Constant",
                List.of(WpsInput.literal("text", "1")), List.of(), s -> {}));
        assertTrue(e.isTransient());
        assertEquals("ServerBusy", e.code());
        assertEquals(0, wps.executions("test:Constant"));
    }

    @Test
    void processFailedIsPermanentAndNamesTheInput() {
        WpsException e = assertThrows(WpsException.class, () -> client.execute("test:Reject", List.of(), List.of(), s -> {}));
        assertFalse(e.isTransient());
        assertEquals("InvalidParameterValue", e.code());
        assertEquals("landUse", e.locator());
        assertTrue(e.getMessage().contains("no pixel has a known class"), e.getMessage());
    }

    @Test
    void unknownProcessIsPermanent() {
        WpsException e = assertThrows(WpsException.class, () -> client.execute("test:Nope", List.of(), List.of(), s -> {}));
        assertFalse(e.isTransient());
        assertEquals("InvalidParameterValue", e.code());
    }

    @Test
    void unreachableServerIsTransient() throws Exception {
        WpsClient nowhere = new WpsClient(URI.create("http://127.0.0.1:1/ows"), Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(5));
        WpsException e = assertThrows(WpsException.class, () -> nowhere.execute("test:Constant", List.of(), List.of(), s -> {}));
        assertTrue(e.isTransient());
    }

    @Test
    void literalsAndReferencesAreEscaped() throws Exception {
        ExecuteStatus s = client.execute("test:Constant", List.of(WpsInput.literal("text", "a<b & \"c\"")),
                List.of(new WpsClient.OutputRequest("value", null)), x -> {});
        Path file = dir.resolve("v");
        client.download(s.outputs().get("value").href(), file);
        assertEquals("a<b & \"c\"", Files.readString(file));
        String xml = WpsClient.executeXml("p", List.of(WpsInput.reference("r", "http://h/ows?a=1&b=2", "image/tiff")), List.of());
        assertTrue(xml.contains("xlink:href=\"http://h/ows?a=1&amp;b=2\" mimeType=\"image/tiff\""), xml);
    }

    @Test
    void anAnswerWithADoctypeIsRefusedBeforeAnyEntityIsResolved() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "do not read");
        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<wps:ExecuteResponse xmlns:wps=\"http://www.opengis.net/wps/1.0.0\">&x;</wps:ExecuteResponse>";
        IOException e = assertThrows(IOException.class, () -> WpsClient.xml(hostile.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("not XML"), e.getMessage());
        assertFalse(e.getMessage().contains("do not read"), e.getMessage());
    }
}
