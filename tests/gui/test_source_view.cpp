// SourceView: the lexer's tokens, the colours the highlighter applies, linked-range highlights,
// the gutter, and the signals of clicks and keys.
#include "gui_test_main.h"

#include "tlift/widgets/python_highlighter.h"
#include "tlift/widgets/python_lexer.h"
#include "tlift/widgets/source_view.h"

#include <QHelpEvent>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTextBlock>
#include <QTextLayout>

using namespace tlift::widgets;

namespace {

// The kind of the token covering `pos` in `line`, or -1 for plain text.
int kindAt(const LexedLine& lexed, int pos) {
    for (const Token& t : lexed.tokens)
        if (pos >= t.start && pos < t.start + t.length) return int(t.kind);
    return -1;
}

int kindAt(QStringView line, QStringView needle, int stateIn = 0) {
    const int pos = int(line.indexOf(needle));
    Q_ASSERT(pos >= 0);
    return kindAt(PythonLexer::lexLine(line, stateIn), pos);
}

// The foreground the highlighter gave to character `col` (0-based) of line `line` (1-based).
QColor foregroundAt(const SourceView& view, int line, int col) {
    const QTextBlock block = view.document()->findBlockByNumber(line - 1);
    for (const QTextLayout::FormatRange& r : block.layout()->formats())
        if (col >= r.start && col < r.start + r.length) return r.format.foreground().color();
    return {};
}

QString numberedLines(int n) {
    QStringList lines;
    for (int i = 1; i <= n; ++i) lines << QStringLiteral("x%1 = %1").arg(i);
    return lines.join(QLatin1Char('\n'));
}

const QString kKernel = QStringLiteral(
    "import triton\n"                                             // 1
    "import triton.language as tl\n"                              // 2
    "\n"                                                          // 3
    "@triton.jit\n"                                               // 4
    "def softmax_kernel(out_ptr, in_ptr, n_cols, BLOCK: tl.constexpr):\n" // 5
    "    \"\"\"One program per row.\n"                            // 6
    "    def is not code here\"\"\"\n"                            // 7
    "    row = tl.program_id(0)  # the row\n"                     // 8
    "    x = tl.load(in_ptr + row, other=-float('inf'))\n"        // 9
    "    y = x.max(0) * 1.5e-3\n");                               // 10

const int Plain = -1;
const int Keyword = int(TokenKind::Keyword), Builtin = int(TokenKind::Builtin),
          Triton = int(TokenKind::Triton), Decorator = int(TokenKind::Decorator),
          Definition = int(TokenKind::Definition), Number = int(TokenKind::Number),
          String = int(TokenKind::String), Comment = int(TokenKind::Comment);

} // namespace

class TestSourceView : public QObject {
    Q_OBJECT
private slots:
    void lexerClassifiesTokens() {
        QCOMPARE(kindAt(u"@triton.jit", u"jit"), Decorator);
        QCOMPARE(kindAt(u"    @triton.autotune(configs=[])", u"configs"), Plain);
        QCOMPARE(kindAt(u"def softmax_kernel(x):", u"def"), Keyword);
        QCOMPARE(kindAt(u"def softmax_kernel(x):", u"softmax_kernel"), Definition);
        QCOMPARE(kindAt(u"def softmax_kernel(inp):", u"inp"), Plain);
        QCOMPARE(kindAt(u"BLOCK: tl.constexpr", u"constexpr"), Triton);
        QCOMPARE(kindAt(u"import triton.language as tl", u"language"), Triton);
        QCOMPARE(kindAt(u"m = tl.max(x, axis=0)", u"max"), Triton);
        QCOMPARE(kindAt(u"m = x.max(axis=0)", u"max"), Plain); // a method, not the builtin
        QCOMPARE(kindAt(u"n = max(a, b)", u"max"), Builtin);
        QCOMPARE(kindAt(u"v = -float('inf')", u"float"), Builtin);
        QCOMPARE(kindAt(u"v = -float('inf')", u"inf"), String);
        QCOMPARE(kindAt(u"s = rb'\\x00'", u"rb"), String);
        QCOMPARE(kindAt(u"s = '# not a comment'", u"not"), String);
        QCOMPARE(kindAt(u"s = 'a\\'b' + c", u"c"), Plain); // the escaped quote does not end it
        QCOMPARE(kindAt(u"a = 1  # note", u"note"), Comment);
        QCOMPARE(kindAt(u"a = x1 + 2", u"1"), Plain); // part of a name
        for (const char16_t* n : {u"0x1F", u"1e-5", u"3.14", u"10_000", u".5", u"2j", u"0b101"})
            QCOMPARE(kindAt(QStringLiteral("v = %1 + y").arg(QStringView(n)), n), Number);
        QCOMPARE(kindAt(u"if a is not None:", u"None"), Keyword);
    }

    void lexerCarriesTripleQuotedStrings() {
        const LexedLine first = PythonLexer::lexLine(u"s = \"\"\"starts here", 0);
        QVERIFY(first.stateOut != 0);
        const LexedLine middle = PythonLexer::lexLine(u"def not_code(x): # no", first.stateOut);
        QCOMPARE(middle.stateOut, first.stateOut);
        QCOMPARE(middle.tokens.size(), 1);
        QCOMPARE(middle.tokens[0], (Token{0, 21, TokenKind::String}));
        const LexedLine last = PythonLexer::lexLine(u"ends\"\"\" + 1", middle.stateOut);
        QCOMPARE(last.stateOut, 0);
        QCOMPARE(kindAt(last, 0), String);
        QCOMPARE(kindAt(last, 10), Number);
        // A ''' string is not ended by """.
        const LexedLine single = PythonLexer::lexLine(u"x = '''a", 0);
        QCOMPARE(PythonLexer::lexLine(u"b\"\"\"", single.stateOut).stateOut, single.stateOut);
    }

    void highlighterAppliesFormats() {
        SourceView view;
        view.setSource(kKernel, SourceView::Language::Python);
        const PythonHighlighter* h = view.highlighter();
        QVERIFY(h);
        auto colour = [h](TokenKind k) { return h->formatFor(k).foreground().color(); };
        QCOMPARE(foregroundAt(view, 4, 3), colour(TokenKind::Decorator));
        QCOMPARE(foregroundAt(view, 5, 0), colour(TokenKind::Keyword));
        QCOMPARE(foregroundAt(view, 5, 6), colour(TokenKind::Definition));
        QCOMPARE(foregroundAt(view, 7, 4), colour(TokenKind::String)); // inside the docstring
        QCOMPARE(foregroundAt(view, 8, 12), colour(TokenKind::Triton));
        QCOMPARE(foregroundAt(view, 8, 31), colour(TokenKind::Comment));
        QCOMPARE(foregroundAt(view, 9, 44), colour(TokenKind::String));
        QCOMPARE(foregroundAt(view, 9, 38), colour(TokenKind::Builtin));
        QCOMPARE(foregroundAt(view, 10, 19), colour(TokenKind::Number));
        QCOMPARE(foregroundAt(view, 10, 4), QColor()); // `y` is plain
        QVERIFY(colour(TokenKind::Keyword) != colour(TokenKind::Triton));

        view.setCodeColors(Theme::dark().code);
        QCOMPARE(foregroundAt(view, 5, 0), Theme::dark().code.keyword);
        view.setSource(kKernel, SourceView::Language::Plain);
        QVERIFY(!view.highlighter());
        QCOMPARE(foregroundAt(view, 5, 0), QColor());
    }

    void languageFollowsTheSuffix() {
        QCOMPARE(SourceView::languageForFile(QStringLiteral("k/softmax.py")), SourceView::Language::Python);
        QCOMPARE(SourceView::languageForFile(QStringLiteral("softmax.ttir")), SourceView::Language::Plain);
    }

    void highlightsSetAndCleared() {
        SourceView view;
        view.setSource(numberedLines(20), SourceView::Language::Python);
        QCOMPARE(view.extraSelections().size(), 1); // the current line
        const QColor linked(255, 230, 140);
        view.setHighlights({LineRange::wholeLines(2, 3), LineRange::span(5, 2, 5, 4), LineRange{}},
                           linked);
        QCOMPARE(view.highlights().size(), 2); // the invalid range is dropped
        const auto selections = view.extraSelections();
        QCOMPARE(selections.size(), 1 + 2 + 1);
        QCOMPARE(selections[1].cursor.blockNumber(), 1);
        QCOMPARE(selections[1].format.background().color(), linked);
        QCOMPARE(selections[3].cursor.selectedText(), QStringLiteral("5 "));
        view.clearHighlights();
        QCOMPARE(view.extraSelections().size(), 1);
        QVERIFY(view.highlights().isEmpty());
    }

    void gutterGrowsWithLineCount() {
        SourceView view;
        view.setSource(numberedLines(9), SourceView::Language::Plain);
        const int small = view.gutterWidth();
        view.setSource(numberedLines(99), SourceView::Language::Plain);
        QCOMPARE(view.gutterWidth(), small); // at least two digits wide from the start
        view.setSource(numberedLines(12000), SourceView::Language::Plain);
        const int large = view.gutterWidth();
        QVERIFY2(large > small, qPrintable(QStringLiteral("%1 <= %2").arg(large).arg(small)));
        QCOMPARE(view.viewport()->x(), large); // the text starts right of the gutter
    }

    void clickAndEnterActivateLines() {
        SourceView view;
        view.resize(600, 400);
        view.setSource(numberedLines(30), SourceView::Language::Python);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy spy(&view, &SourceView::lineActivated);

        QTextCursor third(view.document()->findBlockByNumber(2));
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.cursorRect(third).center());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.takeFirst().at(0).toInt(), 3);

        QTest::keyClick(&view, Qt::Key_Down);
        QTest::keyClick(&view, Qt::Key_Return);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.takeFirst().at(0).toInt(), 4);

        // A drag that selects text is not a click.
        const QPoint from = view.cursorRect(QTextCursor(view.document()->findBlockByNumber(5))).center();
        QTest::mousePress(view.viewport(), Qt::LeftButton, {}, from);
        QTest::mouseMove(view.viewport(), from + QPoint(60, 0));
        QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, from + QPoint(60, 0));
        QCOMPARE(spy.count(), 0);

        QWidget* gutter = nullptr;
        for (QWidget* w : view.findChildren<QWidget*>())
            if (QLatin1String(w->metaObject()->className()) == "tlift::widgets::LineNumberGutter")
                gutter = w;
        QVERIFY(gutter);
        const int y = view.cursorRect(QTextCursor(view.document()->findBlockByNumber(6))).center().y();
        QTest::mouseClick(gutter, Qt::LeftButton, {}, QPoint(5, y));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.takeFirst().at(0).toInt(), 7);
        QCOMPARE(view.currentLine(), 7);
    }

    void scrollsToRangesAndJumpsBetweenHighlights() {
        SourceView view;
        view.resize(600, 300);
        view.setSource(numberedLines(500), SourceView::Language::Plain);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.scrollToRange(LineRange::span(400, 3, 400, 5));
        QCOMPARE(view.currentLine(), 400);
        QCOMPARE(view.textCursor().positionInBlock(), 2);
        QVERIFY(view.verticalScrollBar()->value() > 300);

        view.setHighlights({LineRange::wholeLines(120, 121), LineRange::wholeLines(450, 450)},
                           Qt::yellow);
        QTest::keyClick(&view, Qt::Key_Down, Qt::AltModifier);
        QCOMPARE(view.currentLine(), 450);
        QTest::keyClick(&view, Qt::Key_Up, Qt::AltModifier);
        QTest::keyClick(&view, Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(view.currentLine(), 120);
    }

    void toolTipProviderGetsLineAndColumn() {
        SourceView view;
        view.resize(600, 300);
        view.setSource(kKernel, SourceView::Language::Python);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        int gotLine = 0, gotCol = 0;
        view.setToolTipProvider([&](int line, int col) {
            gotLine = line;
            gotCol = col;
            return QStringLiteral("tip");
        });
        QTextCursor c(view.document()->findBlockByNumber(7));
        c.setPosition(c.position() + 10);
        const QPoint pos = view.cursorRect(c).center() + QPoint(2, 0);
        QHelpEvent help(QEvent::ToolTip, pos, view.viewport()->mapToGlobal(pos));
        QApplication::sendEvent(view.viewport(), &help);
        QCOMPARE(gotLine, 8);
        QCOMPARE(gotCol, 11);
    }

    void spansOfTheCoreBecomeCharacterColumns() {
        // "aé€x": 'x' starts at byte 7 (1 + 2 + 3 bytes before it) but at character 4.
        const QString text = QStringLiteral("first\na\u00e9\u20acx = 1\nlast");
        tlift::util::SourceSpan span{1, 2, 7, 2, 8};
        QCOMPARE(toLineRange(span, text), LineRange::span(2, 4, 2, 5));
        tlift::util::SourceSpan lines{1, 1, 0, 3, 0};
        QCOMPARE(toLineRange(lines, text), LineRange::wholeLines(1, 3));
        tlift::util::SourceSpan past{1, 9, 1, 9, 2};
        QCOMPARE(toLineRange(past, text).line, 3); // clamped to the last line
        QVERIFY(!toLineRange(tlift::util::SourceSpan{}, text).valid());
    }
};

TLIFT_GUI_TEST_MAIN(TestSourceView)
#include "test_source_view.moc"
