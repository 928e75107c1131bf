package org.esvflow.routes.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.esvflow.routes.pipeline.StepTable;

/**
 * Stand-ins for the real processes on a {@link FakeWps}, one per process of the shipped step table, so the pipeline
 * can be tested before (and independently of) the real server: raster outputs are a copy of the first raster input
 * (so later steps get a real GeoTIFF by reference), table outputs are small CSVs derived from the inputs.
 * {@code esv:Value} writes a by-class table and a total that is their sum; {@code gd:Detect} one q row per factor
 * it was given; {@code esv:Change}, {@code esv:Sensitivity} and {@code hai:HaiPanel} a small table of their real
 * columns (for the charts).
 */
public final class FakeProcesses {
    private FakeProcesses() {}

    /** Layers published through the fake gs:Import since the last {@link #register}: name → times. */
    public static final Map<String, List<String>> PUBLISHED = new ConcurrentHashMap<>();

    public static FakeWps register(FakeWps wps, long delayMillis) throws Exception {
        PUBLISHED.clear();
        for (StepTable.Step step : StepTable.standard().steps()) {
            if (step.process() == null) continue;
            wps.process(step.process(), in -> {
                sleep(delayMillis);
                return outputs(step, in);
            });
        }
        wps.literalProcess("gs:Import", in -> {
            String ws = text(in, "workspace"), name = text(in, "name"), time = text(in, "time");
            String layer = time == null ? name : name.substring(0, name.length() - time.length() - 1);
            PUBLISHED.computeIfAbsent(ws + ":" + layer, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(time);
            return Map.of("layerName", (ws + ":" + layer).getBytes(StandardCharsets.UTF_8));
        });
        return wps;
    }

    private static Map<String, byte[]> outputs(StepTable.Step step, Map<String, List<byte[]>> in) {
        byte[] raster = null;
        for (List<byte[]> values : in.values()) {
            for (byte[] v : values) {
                if (raster == null && v.length > 4 && (v[0] == 'I' && v[1] == 'I' || v[0] == 'M' && v[1] == 'M')) raster = v;
            }
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (StepTable.Output o : step.outputs().values()) {
            if (o.isRaster()) {
                out.put(o.name(), raster == null ? new byte[0] : raster);
            } else if (step.process().equals("esv:Value") && o.name().equals("byClass")) {
                out.put(o.name(), byClass(raster).getBytes(StandardCharsets.UTF_8));
            } else if (step.process().equals("esv:Value") && o.name().equals("totals")) {
                long total = 0;
                for (long v : classValues(raster)) total += v;
                out.put(o.name(), ("quantity,value,unit\nesv_total," + total + ",CNY/yr\n").getBytes(StandardCharsets.UTF_8));
            } else if (step.process().equals("esv:CorrectionReference")) {
                // one row per year and npp raster: reference_mean 100 + the number of NPP rasters given
                StringBuilder b = new StringBuilder("year,factor,reference,reference_mean,area_mean,area_factor\n");
                int rasters = in.getOrDefault("npp", List.of()).size();
                for (String year : text(in, "years").split(",")) {
                    b.append(year).append(",npp,pooled,").append(100 + rasters).append(",50,0.5\n");
                }
                out.put(o.name(), b.toString().getBytes(StandardCharsets.UTF_8));
            } else if (step.process().equals("gd:Detect") && o.name().equals("factor")) {
                StringBuilder b = new StringBuilder("factor,q\n");
                List<String> factors = new ArrayList<>();
                for (String kind : List.of("categorical", "continuous")) {
                    String names = text(in, kind);
                    if (names != null) factors.addAll(List.of(names.split(",")));
                }
                for (int i = 0; i < factors.size(); i++) b.append(factors.get(i)).append(",0.").append(i + 1).append('\n');
                out.put(o.name(), b.toString().getBytes(StandardCharsets.UTF_8));
            } else if (step.process().equals("esv:Change") && o.name().equals("decomposition")) {
                // the three effects add up to the change
                out.put(o.name(), "region_id,delta,land_use_effect,correction_effect,interaction\nall,-90,10,-95,-5\n"
                        .getBytes(StandardCharsets.UTF_8));
            } else if (step.process().equals("esv:Sensitivity")) {
                out.put(o.name(), ("year,code,label,cs_plus,cs_minus\n" + text(in, "year") + ",1,cropland,0.11,0.11\n"
                        + text(in, "year") + ",2,forest,0.59,0.59\n").getBytes(StandardCharsets.UTF_8));
            } else if (step.process().equals("hai:HaiPanel") && o.name().equals("panel")) {
                out.put(o.name(), "region_set,region_id,name,year,hai\ncounties,C1,A,2013,0.1\ncounties,C1,A,2023,0.3\n"
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                StringBuilder b = new StringBuilder("input,values,\"bytes, total\"\n");
                in.forEach((k, v) -> b.append(k).append(',').append(v.size()).append(',')
                        .append(v.stream().mapToLong(x -> x.length).sum()).append('\n'));
                out.put(o.name(), b.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Three made-up class values from the raster's bytes (deterministic). */
    static long[] classValues(byte[] raster) {
        long n = raster == null ? 0 : raster.length;
        return new long[] {n * 3, n * 5 + 1, n * 7 + 2};
    }

    private static String byClass(byte[] raster) {
        long[] v = classValues(raster);
        return "code,label,esv_total\n1,cropland," + v[0] + "\n2,forest," + v[1] + "\n5,water," + v[2] + "\n";
    }

    private static String text(Map<String, List<byte[]>> in, String name) {
        List<byte[]> v = in.get(name);
        return v == null || v.isEmpty() ? null : new String(v.get(0), StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
