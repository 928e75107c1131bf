package org.esvflow.process;

/**
 * A finished file produced by a process (an XLSX workbook, a PNG chart, a PDF figure): its suggested file name, MIME type and
 * bytes. The CLI writes it as {@code fileName}; the server returns it as ComplexData of that MIME type.
 */
public record Document(String fileName, String mimeType, byte[] content) {
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String PNG = "image/png";
    public static final String PDF = "application/pdf";
}
