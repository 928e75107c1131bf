package org.esvflow.process;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GeoTools' annotation-driven factories return several outputs as a map keyed by the {@code @DescribeResult} names.
 * Processes build a small record and hand it over with {@link #of}, so each output is a named, typed component.
 */
public final class Results {
    private Results() {}

    /** The record's components by name, in declaration order; null components are left out (optional outputs). */
    public static Map<String, Object> of(Record result) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (RecordComponent c : result.getClass().getRecordComponents()) {
            try {
                Object value = c.getAccessor().invoke(result);
                if (value != null) map.put(c.getName(), value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return map;
    }
}
