package org.esvflow.server.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.esvflow.io.AtomicFiles;

/**
 * Turns one Java type into bytes of one MIME type and back: the codec of a complex (non-literal) WPS input or output,
 * also used by the CLI and the pipeline. One instance per (type, MIME type), like GeoServer's {@code ComplexPPIO}:
 *
 * <table>
 * <caption>Mapping to GeoServer's WPS (org.geoserver.wps.ppio)</caption>
 * <tr><th>here</th><th>GeoServer</th></tr>
 * <tr><td>{@link #type()}</td><td>{@code ProcessParameterIO.getType()}</td></tr>
 * <tr><td>{@link #mimeType()}</td><td>{@code ComplexPPIO.getMimeType()}</td></tr>
 * <tr><td>{@link #fileExtension()}</td><td>{@code ComplexPPIO.getFileExtension()}</td></tr>
 * <tr><td>{@link #binary()}</td><td>a {@code BinaryPPIO} (base64 inline) rather than a {@code CDataPPIO}</td></tr>
 * <tr><td>{@link #decode(Path, String)}</td><td>{@code ComplexPPIO.decode(InputStream)}: the adapter first copies
 *     the stream to a temporary file, as GeoServer's own GeoTIFF PPIO does</td></tr>
 * <tr><td>{@link #encode(Object, OutputStream)}</td><td>{@code ComplexPPIO.encode(Object, OutputStream)}</td></tr>
 * <tr><td>{@link #accepts(Object)}</td><td>the type test of {@code ProcessParameterIO.findAll}</td></tr>
 * </table>
 * A GeoServer adapter is therefore one {@code ComplexPPIO} subclass delegating each method, registered once per codec
 * of {@link CodecRegistry#standard()}.
 */
public abstract class ComplexCodec<T> {
    private final Class<T> type;
    private final String mimeType;
    private final String fileExtension;
    private final boolean binary;

    protected ComplexCodec(Class<T> type, String mimeType, String fileExtension, boolean binary) {
        this.type = type;
        this.mimeType = mimeType;
        this.fileExtension = fileExtension;
        this.binary = binary;
    }

    public final Class<T> type() {
        return type;
    }

    public final String mimeType() {
        return mimeType;
    }

    /** File-name extension without the dot, e.g. {@code tif}. */
    public final String fileExtension() {
        return fileExtension;
    }

    /** Binary content travels base64-encoded inside XML; text content as CDATA. */
    public final boolean binary() {
        return binary;
    }

    /** Whether this codec can encode {@code value} (by default: an instance of {@link #type()}). */
    public boolean accepts(Object value) {
        return type.isInstance(value);
    }

    /**
     * Reads the content of {@code file}; a content that does not parse is the user's mistake, reported as an
     * {@link org.esvflow.process.InvalidInputException} naming {@code input}.
     */
    public abstract T decode(Path file, String input) throws IOException;

    public abstract void encode(T value, OutputStream out) throws IOException;

    /** Writes {@code value} to {@code file} completely or not at all. */
    public void encode(T value, Path file) throws IOException {
        AtomicFiles.write(file, temp -> {
            try (OutputStream out = Files.newOutputStream(temp)) {
                encode(value, out);
            }
        });
    }

    /** Encodes a value already known to be {@link #accepts accepted}. */
    @SuppressWarnings("unchecked")
    public final void encodeObject(Object value, Path file) throws IOException {
        encode((T) value, file);
    }

    @SuppressWarnings("unchecked")
    public final void encodeObject(Object value, OutputStream out) throws IOException {
        encode((T) value, out);
    }

    @Override
    public String toString() {
        return type.getSimpleName() + " as " + mimeType;
    }
}
