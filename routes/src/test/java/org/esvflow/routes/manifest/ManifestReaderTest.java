package org.esvflow.routes.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ManifestReaderTest {
    @TempDir
    Path dir;

    /** A two-epoch study in the demo's format; the files exist (empty: only their presence is checked). */
    public static final String VALID = """
            study: tiny
            title: Tiny study
            crs: EPSG:32650
            regions:
              counties: {file: boundaries/counties.geojson, idField: county_id, nameField: name}
            classification: CLCD
            coefficients: xie2015
            standardEquivalent: {value: 3406.5, currency: CNY}
            correction: {mode: pixel, npp: npp, precipitation: precipitation}
            terrain: {dem: terrain/dem.tif}
            epochs:
              - year: 2013
                landUse: landuse/lu_2013.tif
                npp: aux/npp_2013.tif
                precipitation: aux/precip_2013.tif
              - year: 2015
                landUse: landuse/lu_2015.tif
                npp: aux/npp_2015.tif
                precipitation: aux/precip_2015.tif
            hai: {indicators: [npp, landUseIntensity], weights: entropy}
            fishnet: {cellSize: 10000}
            geodetector:
              y: esv
              sampling: {method: fishnet, cellSize: 10000}
              factors:
                - {name: landUse, kind: categorical}
                - {name: dem, kind: continuous}
            output: {workspace: tiny}
            """;

    private Path write(String yaml) throws IOException {
        for (String f : List.of("boundaries/counties.geojson", "terrain/dem.tif", "landuse/lu_2013.tif", "landuse/lu_2015.tif",
                "aux/npp_2013.tif", "aux/npp_2015.tif", "aux/precip_2013.tif", "aux/precip_2015.tif")) {
            Files.createDirectories(dir.resolve(f).getParent());
            if (!Files.exists(dir.resolve(f))) Files.createFile(dir.resolve(f));
        }
        Path file = dir.resolve("study.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private List<String> problems(String yaml) throws IOException {
        Path file = write(yaml);
        return assertThrows(ManifestException.class, () -> ManifestReader.read(file)).problems();
    }

    @Test
    void readsAValidStudy() throws Exception {
        StudyManifest m = ManifestReader.read(write(VALID));
        assertEquals("tiny", m.id());
        assertEquals("tiny", m.workspace());
        assertEquals(List.of(2013, 2015), m.epochs().stream().map(StudyManifest.Epoch::year).toList());
        assertEquals("landuse/lu_2015.tif", m.epochs().get(1).fields().get("landUse"));
        assertEquals(3406.5, ((Number) m.value("standardEquivalent.value")).doubleValue());
        assertEquals("county_id", m.value("regions.counties.idField"));
        assertEquals(1, m.periods().size());
        assertEquals("2013_2015", m.periods().get(0).label());
        assertEquals(dir.resolve("landuse/lu_2013.tif").toAbsolutePath(), m.resolve("landuse/lu_2013.tif").toAbsolutePath());
    }

    @Test
    void missingFileIsNamedByItsField() throws Exception {
        List<String> p = problems(VALID.replace("landuse/lu_2015.tif", "landuse/lu_2017.tif"));
        assertEquals(List.of("epochs[1].landUse: file not found (landuse/lu_2017.tif)"), p);
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        List<String> p = problems(VALID
                .replace("study: tiny", "study: 'tiny study'")
                .replace("value: 3406.5", "value: -1")
                .replace("- year: 2015", "- year: 2011")
                .replace("kind: continuous", "kind: ordinal")
                .replace("{name: landUse", "{name: landCover"));
        assertTrue(p.contains("study: expected a name of letters, digits, '_' or '-' starting with a letter, got 'tiny study'"), p::toString);
        assertTrue(p.contains("standardEquivalent.value: expected a positive number, got '-1'"), p::toString);
        assertTrue(p.contains("epochs[1].year: years must increase strictly (2011 after 2013)"), p::toString);
        assertTrue(p.contains("geodetector.factors[1].kind: expected categorical or continuous, got 'ordinal'"), p::toString);
        assertTrue(p.contains("geodetector.factors[0].name: 'landCover' is neither an epoch field nor a terrain field"), p::toString);
        assertEquals(5, p.size(), p::toString);
    }

    @Test
    void geoDetectorEpochsAndChangeNameStudyYears() throws Exception {
        String sampling = "sampling: {method: fishnet, cellSize: 10000}";
        ManifestReader.read(write(VALID.replace(sampling, sampling + "\n  epochs: [2015]\n  change: [first, 2015]")));
        ManifestReader.read(write(VALID.replace(sampling, sampling + "\n  epochs: all\n  change: none")));
        List<String> p = problems(VALID.replace(sampling, sampling + "\n  epochs: [2014]\n  change: [2015, 2013]"));
        assertEquals(List.of("geodetector.epochs: expected all or a list of the study's years [2013, 2015], got '[2014]'",
                "geodetector.change: expected [FROM, TO], two of the study's years [2013, 2015] (or first, last) with FROM "
                        + "before TO, or none; got '[2015, 2013]'"), p);
    }

    @Test
    void correctionReference() throws Exception {
        String pixel = "correction: {mode: pixel, npp: npp, precipitation: precipitation}";
        ManifestReader.read(write(VALID.replace(pixel, "correction: {mode: pixel, reference: epoch, npp: npp, precipitation: precipitation}")));
        StudyManifest fixed = ManifestReader.read(write(VALID.replace(pixel, "correction: {mode: pixel, reference: fixed, npp: npp, "
                + "precipitation: precipitation, referenceMeans: {npp: 550.5, precipitation: 640}}")));
        assertEquals(550.5, fixed.value("correction.referenceMeans.npp"));
        assertEquals(List.of("correction.reference: expected one of [pooled, epoch, fixed], got 'national'"),
                problems(VALID.replace(pixel, "correction: {mode: pixel, reference: national, npp: npp}")));
        assertEquals(List.of("correction.referenceMeans.precipitation: reference fixed needs a non-zero mean in the units of the "
                + "precipitation rasters"), problems(VALID.replace(pixel, "correction: {mode: pixel, reference: fixed, npp: npp, "
                + "precipitation: precipitation, referenceMeans: {npp: 550.5}}")));
        assertEquals(List.of("correction.referenceMeans: only used with reference: fixed"),
                problems(VALID.replace(pixel, "correction: {mode: pixel, npp: npp, referenceMeans: {npp: 550.5}}")));
    }

    @Test
    void correctionFieldsMustExistInEveryEpoch() throws Exception {
        List<String> p = problems(VALID.replace("correction: {mode: pixel, npp: npp, precipitation: precipitation}",
                "correction: {mode: pixel, npp: npp, soilConservation: soilcons}"));
        assertEquals(List.of("epochs[0].soilcons: required by correction.soilConservation",
                "epochs[1].soilcons: required by correction.soilConservation"), p);
    }

    @Test
    void requiredSectionsAreNamed() throws Exception {
        List<String> p = problems("study: x\n");
        assertTrue(p.contains("regions: required, a mapping of region sets such as counties: {file: ..., idField: ...}"), p::toString);
        assertTrue(p.contains("classification: required"), p::toString);
        assertTrue(p.contains("epochs: required, a list of at least one epoch with year and landUse"), p::toString);
        assertTrue(p.contains("output: required (output: {workspace: NAME})"), p::toString);
    }

    @Test
    void brokenYamlIsOneLine() throws Exception {
        List<String> p = problems("study: [unclosed\n");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("manifest: not valid YAML"), p::toString);
    }

    @Test
    void derivedRastersJoinTheFieldsAndAreChecked() throws Exception {
        String derived = VALID.replace("hai: {indicators: [npp, landUseIntensity], weights: entropy}", """
                derived:
                  - {name: nppPerMm, expression: 'npp / max1(precipitation) + 1e3 * dem', unit: gC/m2/mm}
                hai: {indicators: [npp, nppPerMm, landUseIntensity], normalisation: epoch}""");
        // max1 is followed by '(': a function, not a variable; the e of 1e3 belongs to the number
        assertEquals(List.of("npp", "precipitation", "dem"), ManifestReader.expressionVariables("npp / max1(precipitation) + 1e3 * dem"));
        StudyManifest m = ManifestReader.read(write(derived));
        assertEquals("nppPerMm", ((java.util.Map<?, ?>) ((List<?>) m.value("derived")).get(0)).get("name"));
        List<String> p = problems(derived.replace("npp / max1(precipitation)", "npp / rain").replace("unit: gC/m2/mm", "unit: ''")
                .replace("normalisation: epoch", "normalisation: yearly"));
        assertTrue(p.contains("derived[0].expression: 'rain' is not an epoch or terrain field"), p.toString());
        assertTrue(p.contains("derived[0].unit: required (e.g. CNY/person)"), p.toString());
        assertTrue(p.contains("hai.normalisation: expected pooled or epoch, got 'yearly'"), p.toString());
        p = problems(derived.replace("name: nppPerMm", "name: npp"));
        assertTrue(p.contains("derived[0].name: 'npp' is already a field or a derived raster"), p.toString());
    }
}
