package org.esvflow.gd;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import org.esvflow.table.Csv;
import org.esvflow.table.Table;

/** Tables of discretization choices and of the OPGD q grid. */
final class OpgdTables {
    private OpgdTables() {}

    /** factor, method, k, classes, q, breaks (space-separated), counts (space-separated, per class). */
    static Table chosen(List<OptimalDiscretization.Result> results) {
        Table.Builder t = Table.builder("factor", "method", "k", "classes", "q", "breaks", "counts");
        for (OptimalDiscretization.Result r : results) {
            OptimalDiscretization.Candidate b = r.best();
            t.row(r.factor(), b.method().name(), b.k(), b.classes(), b.q(), join(b.breaks()), join(r.counts()));
        }
        return t.build();
    }

    /**
     * factor, method, k, classes, q, chosen, rejected: every candidate tried; q empty and the reason in rejected
     * where GD's rules reject a candidate.
     */
    static Table grid(List<OptimalDiscretization.Result> results) {
        Table.Builder t = Table.builder("factor", "method", "k", "classes", "q", "chosen", "rejected");
        for (OptimalDiscretization.Result r : results) {
            for (OptimalDiscretization.Candidate c : r.grid()) {
                t.row(r.factor(), c.method().name(), c.k(), c.classes(), Double.isNaN(c.q()) ? null : c.q(),
                        c == r.best(), c.rejected());
            }
        }
        return t.build();
    }

    static String join(double[] values) {
        return DoubleStream.of(values).mapToObj(Csv::format).collect(Collectors.joining(" "));
    }

    static String join(int[] values) {
        return IntStream.of(values).mapToObj(Integer::toString).collect(Collectors.joining(" "));
    }
}
