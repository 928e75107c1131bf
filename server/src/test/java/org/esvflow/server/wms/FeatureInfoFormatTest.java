package org.esvflow.server.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.DataBuffer;
import org.junit.jupiter.api.Test;

class FeatureInfoFormatTest {
    @Test
    void float32ValuesPrintAsStored() {
        // 0.1f widened to double is 0.10000000149011612; the stored value is 0.1
        assertEquals("0.1", WmsService.format(0.1f, DataBuffer.TYPE_FLOAT));
        assertEquals("60000", WmsService.format(60000f, DataBuffer.TYPE_FLOAT));
        assertEquals("12345.678", WmsService.format(12345.678f, DataBuffer.TYPE_FLOAT));
        assertEquals("0.1", WmsService.format(0.1, DataBuffer.TYPE_DOUBLE));
        assertEquals("8", WmsService.format(8, DataBuffer.TYPE_BYTE));
    }
}
