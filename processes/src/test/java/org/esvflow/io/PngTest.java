package org.esvflow.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The encoder's output decoded by ImageIO's own PNG reader gives back every pixel. */
class PngTest {

    @Test
    void randomAndFlatPixelsRoundTripThroughImageIo() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_3BYTE_BGR}) {
            BufferedImage image = new BufferedImage(37, 23, type);
            for (int y = 0; y < 23; y++) {
                for (int x = 0; x < 37; x++) image.setRGB(x, y, y < 10 ? 0xff000000 | random.nextInt(1 << 24) : 0xff1f77b4);
            }
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(Png.encode(image)));
            assertEquals(37, decoded.getWidth());
            assertEquals(23, decoded.getHeight());
            int[] expected = image.getRGB(0, 0, 37, 23, null, 0, 37), actual = decoded.getRGB(0, 0, 37, 23, null, 0, 37);
            for (int i = 0; i < expected.length; i++) expected[i] |= 0xff000000; // RGB: opaque
            assertArrayEquals(expected, actual, "image type " + type);
        }
    }
}
