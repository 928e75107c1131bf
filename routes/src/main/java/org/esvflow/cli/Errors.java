package org.esvflow.cli;

import org.esvflow.process.InvalidInputException;
import picocli.CommandLine;

/** One line on standard error instead of a stack trace; exit 2 for a user's mistake, 1 for a failure. */
final class Errors implements CommandLine.IExecutionExceptionHandler {
    static final int BAD_INPUT = 2;
    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        InvalidInputException invalid = find(e);
        Throwable shown = invalid != null ? invalid : deepestMessage(e);
        cli.getErr().println("esvflow: error: " + (shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage()));
        if (Boolean.getBoolean("esvflow.debug")) e.printStackTrace(cli.getErr());
        return invalid != null ? BAD_INPUT : FAILED;
    }

    /** The user's mistake somewhere in the cause chain (processes may be wrapped by GeoTools' invoker). */
    static InvalidInputException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InvalidInputException i) return i;
        }
        return null;
    }

    private static Throwable deepestMessage(Throwable t) {
        Throwable shown = t;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null) shown = c;
        }
        return shown;
    }
}
