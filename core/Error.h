#pragma once

#include <QString>
#include <exception>
#include <string>

namespace wharf {

/// What the loader should do about an error. Matches dlt's exception tree (spec section 5.9):
/// Transient errors are retried, Terminal ones fail the job, Config errors stop before any work,
/// Cancelled means the user asked to stop, Internal is a bug in Wharf.
enum class ErrorKind { Transient, Terminal, Config, Cancelled, Internal };

/// Human name of an ErrorKind ("transient", "terminal", ...).
QString errorKindName(ErrorKind kind);

/// An identifier or value as messages show it: whole up to `max` characters, else its start and
/// end around "…(N characters)…", so that a hostile 1 MB name cannot flood a log or a dialog.
QString clipForMessage(const QString &text, int max = 256);

/// Where in an input file an error was found. Line and column are 1-based; 0 means unknown.
struct SourceLocation {
    QString file;
    qint64 line = 0;
    qint64 column = 0;
    QString field;

    bool isEmpty() const { return file.isEmpty() && line == 0 && field.isEmpty(); }
    /// "file:line:column (field x)" with the parts that are known.
    QString toString() const;
};

/// The one exception type thrown inside core/ and destinations/. Never let it cross a thread or
/// a signal: convert it into a value (JobOutcome, ErrorInfo) at the worker's edge.
class Error : public std::exception {
public:
    Error(ErrorKind kind, QString message, SourceLocation where = {});

    ErrorKind kind() const { return m_kind; }
    const QString &message() const { return m_message; }
    const SourceLocation &location() const { return m_location; }

    /// Database details; empty when not from a database. The statement must already have
    /// its secrets masked by whoever sets it.
    QString sqlState;
    QString detail;
    QString hint;
    QString table;
    QString statement;
    /// The connection is gone (closed, terminated, timed out): it was dropped and must be
    /// replaced, not reused; whether the statement in flight took effect is unknown (an
    /// in-doubt COMMIT), which the job ledger answers.
    bool connectionLost = false;

    Error &withLocation(SourceLocation where);
    /// Full text: location, message, then detail/hint/SQLSTATE when present.
    QString fullText() const;
    const char *what() const noexcept override;

private:
    ErrorKind m_kind;
    QString m_message;
    SourceLocation m_location;
    mutable std::string m_what;
};

/// A missing table or dataset: terminal, but the loader reacts to it (e.g. "no stored schema").
class UndefinedRelation : public Error {
public:
    explicit UndefinedRelation(QString message)
        : Error(ErrorKind::Terminal, std::move(message))
    {}
};

/// A copyable description of an Error, safe to pass through queued signals.
struct ErrorInfo {
    ErrorKind kind = ErrorKind::Internal;
    QString message;
    SourceLocation location;
    QString sqlState;
    QString detail;
    QString hint;
    QString statement;
    bool connectionLost = false; ///< see Error::connectionLost

    static ErrorInfo from(const Error &e);
    static ErrorInfo fromStd(const std::exception &e);
    QString fullText() const;
};

} // namespace wharf
