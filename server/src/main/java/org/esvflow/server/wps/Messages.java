package org.esvflow.server.wps;

import java.util.regex.Pattern;

/** Error texts as clients see them: without Java class names, server file paths or scratch file names. */
final class Messages {
    private static final Pattern CLASS_PREFIX = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)(?::\\s*)?");
    private static final Pattern PATH = Pattern.compile("(?<![A-Za-z0-9:/])(?:/[^\\s/:;,'\"<>()]+){2,}/?");
    private static final Pattern SCRATCH = Pattern.compile("\\b[A-Za-z0-9_]+?-?[0-9]{6,}\\.in\\b");

    private Messages() {}

    /** {@code message} with class-name prefixes dropped, absolute paths as {@code <file>}, scratch inputs as {@code <input>}. */
    static String scrub(String message) {
        if (message == null) return "";
        String m = CLASS_PREFIX.matcher(message).replaceAll("");
        m = PATH.matcher(m).replaceAll("<file>");
        return SCRATCH.matcher(m).replaceAll("<input>").trim();
    }
}
