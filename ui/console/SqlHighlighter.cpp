#include "console/SqlHighlighter.h"

#include "common/StateColors.h"

#include <QTextBlock>
#include <QTextLayout>

namespace wharf::ui {

namespace {

enum BlockState { Normal = 0, InComment = 1 };
constexpr int kKindProperty = QTextFormat::UserProperty + 1;

QTextCharFormat formatOf(const QColor &color, const char *kind, bool bold = false, bool italic = false)
{
    QTextCharFormat f;
    f.setForeground(color);
    f.setFontWeight(bold ? QFont::Bold : QFont::Normal);
    f.setFontItalic(italic);
    f.setProperty(kKindProperty, QString::fromLatin1(kind));
    return f;
}

} // namespace

SqlHighlighter::SqlHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
    , m_keyword(formatOf(colors::running(), "keyword", true))
    , m_string(formatOf(colors::success(), "string"))
    , m_name(formatOf(colors::warning(), "name"))
    , m_number(formatOf(colors::warning(), "number"))
    , m_comment(formatOf(colors::neutral(), "comment", false, true))
    , m_keywords(
          QStringLiteral("\\b(SELECT|FROM|WHERE|AND|OR|NOT|IN|IS|NULL|AS|ON|JOIN|LEFT|RIGHT|INNER|OUTER|FULL|CROSS|"
                         "GROUP|BY|ORDER|HAVING|LIMIT|OFFSET|UNION|ALL|DISTINCT|WITH|VALUES|INSERT|INTO|UPDATE|SET|"
                         "DELETE|CREATE|TABLE|VIEW|INDEX|DROP|ALTER|ADD|COLUMN|CASE|WHEN|THEN|ELSE|END|LIKE|ILIKE|"
                         "BETWEEN|EXISTS|ASC|DESC|TRUE|FALSE|COUNT|SUM|AVG|MIN|MAX|CAST|EXPLAIN|PRAGMA|SHOW|"
                         "BEGIN|COMMIT|ROLLBACK|PRIMARY|KEY|DEFAULT|RETURNING|OVER|PARTITION|RECURSIVE)\\b"),
          QRegularExpression::CaseInsensitiveOption)
    , m_numbers(QStringLiteral("\\b\\d+(\\.\\d+)?([eE][-+]?\\d+)?\\b"))
{}

QString SqlHighlighter::kindAt(const QTextBlock &block, int position)
{
    for (const QTextLayout::FormatRange &range : block.layout()->formats())
        if (position >= range.start && position < range.start + range.length)
            return range.format.property(kKindProperty).toString();
    return {};
}

void SqlHighlighter::highlightBlock(const QString &text)
{
    for (auto it = m_keywords.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), m_keyword);
    }
    for (auto it = m_numbers.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), m_number);
    }
    // Strings, quoted names and comments last, left to right: they win over what is inside them.
    setCurrentBlockState(Normal);
    int i = 0;
    if (previousBlockState() == InComment) {
        const int end = int(text.indexOf(QStringLiteral("*/")));
        if (end < 0) {
            setFormat(0, int(text.size()), m_comment);
            setCurrentBlockState(InComment);
            return;
        }
        setFormat(0, end + 2, m_comment);
        i = end + 2;
    }
    while (i < text.size()) {
        const QChar c = text[i];
        if (c == u'\'' || c == u'"') {
            int j = i + 1;
            while (j < text.size() && text[j] != c)
                ++j;
            setFormat(i, j - i + 1, c == u'\'' ? m_string : m_name);
            i = j + 1;
        } else if (c == u'-' && i + 1 < text.size() && text[i + 1] == u'-') {
            setFormat(i, int(text.size()) - i, m_comment);
            return;
        } else if (c == u'/' && i + 1 < text.size() && text[i + 1] == u'*') {
            const int end = int(text.indexOf(QStringLiteral("*/"), i + 2));
            if (end < 0) {
                setFormat(i, int(text.size()) - i, m_comment);
                setCurrentBlockState(InComment);
                return;
            }
            setFormat(i, end + 2 - i, m_comment);
            i = end + 2;
        } else {
            ++i;
        }
    }
}

} // namespace wharf::ui
