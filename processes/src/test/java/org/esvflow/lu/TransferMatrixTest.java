package org.esvflow.lu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TransferMatrixTest {

    @Test
    void theDenseTableWidensAsCodesGrowAndMergingEqualsAddingEverything() {
        // (from, to, ha): small codes, one that widens the table to 256, one kept in the map
        double[][] adds = {{1, 2, 0.09}, {2, 2, 0.5}, {3, 1, 1.25}, {200, 1, 2.0}, {1, 200, 0.25}, {300, 2, 4.0}, {1, 2, 0.09}};
        TransferMatrix all = new TransferMatrix(), first = new TransferMatrix(), second = new TransferMatrix();
        for (int i = 0; i < adds.length; i++) {
            all.add((int) adds[i][0], (int) adds[i][1], adds[i][2]);
            (i < 3 ? first : second).add((int) adds[i][0], (int) adds[i][1], adds[i][2]);
        }
        assertEquals(0.18, all.area(1, 2), 1e-15);
        assertEquals(2.0, all.area(200, 1), 0);
        assertEquals(4.0, all.area(300, 2), 0);
        assertEquals(0, all.area(7, 250), 0); // inside the dense range, never added
        assertEquals(new TreeSet<>(List.of(1, 2, 3, 200, 300)), all.classes());
        assertEquals(0.09 + 0.5 + 1.25 + 2.0 + 0.25 + 4.0 + 0.09, all.total(), 1e-12);
        assertEquals(1.25 + 2.0, all.end(1), 0);
        first.addAll(second);
        for (int from : all.classes()) {
            for (int to : all.classes()) assertEquals(all.area(from, to), first.area(from, to), 1e-15, from + "→" + to);
        }
        assertEquals(all.classes(), first.classes());
    }
}
