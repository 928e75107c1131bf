package org.esvflow.server.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * ISO 8601 times as WMS TIME and granule names use them, reduced to instants in UTC: a year {@code 2019} is
 * 2019-01-01T00:00:00Z, a month its first day, a date its midnight, a date-time without offset UTC.
 */
final class Times {
    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private Times() {}

    /** The instant of {@code t}; an {@link IllegalArgumentException} when it is no ISO 8601 year, month, date or time. */
    static Instant parse(String t) {
        try {
            if (YEAR.matcher(t).matches()) return LocalDate.of(Integer.parseInt(t), 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
            if (MONTH.matcher(t).matches()) return YearMonth.parse(t).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            if (DATE.matcher(t).matches()) return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            if (t.length() > 10 && t.charAt(10) == 'T') {
                try {
                    return OffsetDateTime.parse(t).toInstant();
                } catch (DateTimeParseException e) {
                    return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
                }
            }
        } catch (DateTimeParseException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("'" + t + "' is not an ISO 8601 time");
    }

    static Instant parseOrNull(String t) {
        try {
            return t == null ? null : parse(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
