#include "browse/ConsoleSql.h"

#include "Error.h"

#include <QStringList>

namespace wharf {

namespace {

// Where the quoted text, comment or dollar-quoted string starting at `i` ends (one past it),
// or `i` when nothing starts there. An unterminated one runs to the end of the text.
qsizetype skipQuotedOrComment(const QString &s, qsizetype i)
{
    const qsizetype n = s.size();
    const QChar c = s[i];
    if (c == u'\'' || c == u'"' || c == u'`') {
        for (qsizetype j = i + 1; j < n; ++j)
            if (s[j] == c) {
                if (j + 1 < n && s[j + 1] == c) { // a doubled quote is part of the text
                    ++j;
                    continue;
                }
                return j + 1;
            }
        return n;
    }
    if (c == u'-' && i + 1 < n && s[i + 1] == u'-') {
        const qsizetype end = s.indexOf(u'\n', i);
        return end < 0 ? n : end + 1;
    }
    if (c == u'/' && i + 1 < n && s[i + 1] == u'*') {
        const qsizetype end = s.indexOf(QStringLiteral("*/"), i + 2);
        return end < 0 ? n : end + 2;
    }
    if (c == u'$') { // $$…$$ or $tag$…$tag$
        qsizetype j = i + 1;
        while (j < n && (s[j].isLetterOrNumber() || s[j] == u'_'))
            ++j;
        if (j < n && s[j] == u'$' && (j == i + 1 || !s[i + 1].isDigit())) {
            const QString tag = s.mid(i, j - i + 1);
            const qsizetype end = s.indexOf(tag, j + 1);
            return end < 0 ? n : end + tag.size();
        }
    }
    return i;
}

} // namespace

ConsoleStatement ConsoleStatement::parse(const QString &text)
{
    // Split on the first ';' outside quotes and comments; what follows may only be blanks,
    // comments and more semicolons.
    qsizetype end = text.size();
    bool afterSemicolon = false;
    for (qsizetype i = 0; i < text.size();) {
        const qsizetype skipped = skipQuotedOrComment(text, i);
        if (skipped != i) {
            if (afterSemicolon && text[i] != u'-' && text[i] != u'/')
                throw Error(ErrorKind::Terminal, QStringLiteral("one statement at a time: the text holds more than "
                                                                "one (run them one by one)"));
            i = skipped;
            continue;
        }
        if (text[i] == u';') {
            if (!afterSemicolon)
                end = i;
            afterSemicolon = true;
        } else if (afterSemicolon && !text[i].isSpace()) {
            throw Error(ErrorKind::Terminal,
                        QStringLiteral("one statement at a time: the text holds more than one (run them one by one)"));
        }
        ++i;
    }
    ConsoleStatement statement;
    statement.sql = text.left(end).trimmed();
    // The first keyword, past blanks and comments.
    QString keyword;
    for (qsizetype i = 0; i < statement.sql.size();) {
        const QChar c = statement.sql[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        const qsizetype skipped = skipQuotedOrComment(statement.sql, i);
        if (skipped != i && (c == u'-' || c == u'/')) {
            i = skipped;
            continue;
        }
        if (c == u'(') { // (SELECT …) UNION …
            ++i;
            continue;
        }
        while (i < statement.sql.size() && statement.sql[i].isLetter())
            keyword.append(statement.sql[i++].toUpper());
        break;
    }
    if (keyword.isEmpty())
        throw Error(ErrorKind::Terminal, QStringLiteral("there is no statement to run"));
    static const QStringList queries{QStringLiteral("SELECT"), QStringLiteral("WITH"), QStringLiteral("VALUES"),
                                     QStringLiteral("TABLE")};
    statement.kind = queries.contains(keyword) ? Kind::Query : Kind::Statement;
    return statement;
}

} // namespace wharf
