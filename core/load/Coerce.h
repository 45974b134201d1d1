#pragma once

#include "formats/Value.h"
#include "schema/Schema.h"

#include <QString>
#include <string>
#include <string_view>

namespace wharf {

/// A value ready to bind to a SQL parameter.
struct Cell {
    enum class Type { Null, Int, Double, Text, Blob };
    Type type = Type::Null;
    std::int64_t i = 0;
    double d = 0.0;
    std::string_view s; ///< points into the source Value or into the coercer's scratch buffer
};

/// How a destination wants temporal values as text.
enum class TemporalStyle {
    SqliteUtc, ///< `YYYY-MM-DD HH:MM:SS.ffffff`, converted to UTC (SQLAlchemy's SQLite format)
    IsoUtc,    ///< `YYYY-MM-DDTHH:MM:SS.ffffff+00:00`
};

/// The fields of an ISO-8601 date-time as written (parseTimestamp).
struct TimestampParts {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    long nanos = 0;            ///< the fraction's first 9 digits, as nanoseconds
    std::string_view fraction; ///< every digit of the fraction as written (empty: none)
    int offsetMinutes = 0;     ///< east of UTC; 0 for `Z` and for none
};

/// Converts reader values to one column's dlt type. One per column per job; not thread-safe
/// (it owns a scratch buffer). Throws Error(Terminal) naming the column on values that do
/// not fit; the caller adds file and line.
class Coercer {
public:
    struct Options {
        bool emptyIsNull = false; ///< csv: an empty field is NULL in a nullable column (COPY's FORCE_NULL)
        bool nativeBool = true;   ///< false: booleans become 0/1 integers
        TemporalStyle temporal = TemporalStyle::SqliteUtc;
        bool base64Binary = false; ///< jsonl: binary values are base64 strings
        /// Timestamps and times keep every (micro)second digit whatever the column's precision
        /// hint, as dlt's sqlalchemy destination stores them on SQLite.
        bool ignoreTemporalPrecision = false;
        /// json columns get their text as Python's json.dumps writes it (PythonJson.h), as dlt's
        /// sqlalchemy destination stores them; otherwise the source text as it is.
        bool pythonJson = false;
    };

    Coercer(const Column &column, Options options);

    Cell convert(const Value &v);
    /// For a timestamp column: throws what convert() throws for `v`, without building the
    /// converted text; returns the fields as written (callers that send the text as written,
    /// or encode the fields themselves).
    TimestampParts checkTimestamp(const Value &v) const;
    const QString &columnName() const { return m_column.name; }
    /// Throws the error convert() throws for a value that does not fit (`what` says why), for
    /// callers that check a value their own way (the binary COPY encoder's timestamps).
    [[noreturn]] void reject(const Value &v, const char *what) const { fail(v, what); }

private:
    [[noreturn]] void fail(const Value &v, const char *what) const;
    Cell toInt(const Value &v);
    Cell toDouble(const Value &v);
    Cell toBool(const Value &v);
    Cell toText(const Value &v);
    Cell toJson(const Value &v);
    int temporalPrecision() const;
    Cell toTimestamp(const Value &v);
    Cell toDate(const Value &v);
    Cell toTime(const Value &v);
    Cell toBinary(const Value &v);
    Cell toDecimal(const Value &v);

    Column m_column;
    DataType m_type;
    Options m_options;
    std::string m_scratch;
};

/// Parses an ISO-8601 date-time as normalizeTimestamp() accepts it; false when not one.
/// `out.fraction` points into `in`.
bool parseTimestamp(std::string_view in, TimestampParts &out);

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
/// Inline: the binary COPY encoder calls it for every timestamp.
inline std::int64_t daysSinceEpoch(int year, int month, int day)
{
    year -= month <= 2;
    const int era = (year >= 0 ? year : year - 399) / 400;
    const unsigned yoe = unsigned(year - era * 400);
    const unsigned doy = unsigned((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return std::int64_t(era) * 146097 + std::int64_t(doe) - 719468;
}

/// Parses an ISO-8601 date-time (`T` or space; fraction up to 9 digits; `Z`, `±HH:MM`, `±HHMM`
/// or none = UTC) and writes it in UTC in `style` — or, with `keepWallClock` (naive columns),
/// as written with the offset dropped. Returns false when not a timestamp.
bool normalizeTimestamp(std::string_view in, TemporalStyle style, int precision, std::string &out,
                        bool keepWallClock = false);

} // namespace wharf
