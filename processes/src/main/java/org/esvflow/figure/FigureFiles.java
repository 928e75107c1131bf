package org.esvflow.figure;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawerDefaultFonts;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;

/**
 * Encodes a figure drawn by a {@link Painter}: a PNG at the layout's pixel size carrying its DPI (pHYs chunk), and a
 * one-page PDF of the same physical size whose content is vector graphics (paths and text; the panel rasters are
 * embedded as lossless images at the figure's DPI).
 */
public final class FigureFiles {
    /** Draws the figure in device pixels. */
    @FunctionalInterface
    public interface Painter {
        void paint(Graphics2D g) throws Exception;
    }

    private FigureFiles() {}

    public static byte[] png(FigureLayout l, Painter painter) throws Exception {
        BufferedImage image = new BufferedImage(l.widthPx(), l.heightPx(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            painter.paint(g);
        } finally {
            g.dispose();
        }
        return png(image, l.dpi());
    }

    /** A PNG of {@code image} whose pHYs chunk states {@code dpi}. */
    public static byte[] png(BufferedImage image, double dpi) throws java.io.IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
        // pHYs: pixels per metre, unit 1 = metre
        String perMetre = Long.toString(Math.round(dpi / 0.0254));
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        phys.setAttribute("pixelsPerUnitXAxis", perMetre);
        phys.setAttribute("pixelsPerUnitYAxis", perMetre);
        phys.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(phys);
        meta.mergeTree("javax_imageio_png_1.0", root);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, meta), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    public static byte[] pdf(FigureLayout l, Painter painter) throws Exception {
        return pdf(l.widthPx(), l.heightPx(), l.pt(), "esvflow fig:MapPanels", painter);
    }

    /**
     * A one-page vector PDF of a drawing made in {@code widthPx} × {@code heightPx} device pixels, where one point
     * (1/72 in) is {@code pixelsPerPoint} pixels: the page is widthPx / pixelsPerPoint points wide.
     */
    public static byte[] pdf(int widthPx, int heightPx, double pixelsPerPoint, String creator, Painter painter) throws Exception {
        float w = (float) (widthPx / pixelsPerPoint), h = (float) (heightPx / pixelsPerPoint);
        try (PDDocument doc = new PDDocument()) {
            PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, w, h);
            g.setFontTextDrawer(new PdfBoxGraphics2DFontTextDrawerDefaultFonts());
            try {
                g.scale(1 / pixelsPerPoint, 1 / pixelsPerPoint);
                painter.paint(g);
            } finally {
                g.dispose();
            }
            PDFormXObject form = g.getXFormObject();
            PDPage page = new PDPage(new PDRectangle(w, h));
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.drawForm(form);
            }
            doc.getDocumentInformation().setCreator(creator);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

}
