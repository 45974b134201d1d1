#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace wharf::ui {

/// Colours SQL as it is typed: keywords, numbers, 'strings', "quoted names" and comments
/// (-- to the end of the line, /* */ over several lines), in colours that read on light and
/// dark palettes.
class SqlHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit SqlHighlighter(QTextDocument *document);

    /// The kind of text at `position` of `block` once highlighted (for tests): "keyword",
    /// "string", "name", "number", "comment" or "".
    static QString kindAt(const QTextBlock &block, int position);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_keyword;
    QTextCharFormat m_string;
    QTextCharFormat m_name;
    QTextCharFormat m_number;
    QTextCharFormat m_comment;
    QRegularExpression m_keywords;
    QRegularExpression m_numbers;
};

} // namespace wharf::ui
