// MathView: KaTeX typesets offline from the embedded resources, errors are shown and counted,
// clicks on \htmlData subterms come back as signals, and the page reaches nothing outside.
#include "gui_test_main.h"

#include "local_only_interceptor.h"
#include "tlift/widgets/math_view.h"

#include <QSignalSpy>
#include <QWebEnginePage>

using namespace tlift::widgets;

namespace {

constexpr int kTimeoutMs = 30000;

// Runs a script in the page and waits for its value.
QVariant js(MathView& view, const QString& script) {
    QVariant result;
    bool done = false;
    view.page()->runJavaScript(script, [&](const QVariant& r) {
        result = r;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, kTimeoutMs)) qWarning() << "no answer to" << script;
    return result;
}

FormulaItem softmaxLike() {
    FormulaItem f;
    f.title = QStringLiteral("out");
    f.latex = QStringLiteral(
        "\\mathrm{out}_{i,j} = \\frac{\\htmlData{id=num}{\\exp(x_{i,j} - \\max_k x_{i,k})}}"
        "{\\htmlData{id=den}{\\sum_{k} \\exp(x_{i,k} - \\max_l x_{i,l})}}");
    f.verdict = VerdictKind::Proved;
    f.verdictText = QStringLiteral("proved for all sizes");
    f.notes = {QStringLiteral("\\(n_{cols} \\ge 1\\)"), QStringLiteral("rows are contiguous")};
    return f;
}

} // namespace

class TestMathView : public QObject {
    Q_OBJECT
    MathView* m_view = nullptr;

    bool typeset(const QVector<FormulaItem>& items) {
        m_view->setFormulas(items);
        return QTest::qWaitFor([this] { return m_view->isReady(); }, kTimeoutMs);
    }

private slots:
    void init() {
        m_view = new MathView;
        m_view->resize(900, 600);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view));
    }
    void cleanup() { delete m_view; }

    void typesetsWithoutErrors() {
        QSignalSpy errors(m_view, &MathView::typesetErrors);
        QVERIFY(typeset({softmaxLike()}));
        QCOMPARE(m_view->errorCount(), 0);
        QCOMPARE(errors.count(), 0);
        QCOMPARE(js(*m_view, "document.querySelectorAll('.katex-error').length").toInt(), 0);
        QCOMPARE(js(*m_view, "document.querySelectorAll('.math .katex-display').length").toInt(), 1);
        QCOMPARE(js(*m_view, "document.querySelectorAll('.notes .katex').length").toInt(), 1);
        QCOMPARE(js(*m_view, "document.querySelector('.badge').dataset.verdict").toString(),
                 QStringLiteral("proved"));
        // ready() came after the fonts, and they came from the resources.
        QCOMPARE(js(*m_view, "document.fonts.status").toString(), QStringLiteral("loaded"));
        QVERIFY(js(*m_view, "[...document.fonts].filter(f => f.family.startsWith('KaTeX') && "
                            "f.status === 'loaded').length")
                    .toInt() > 0);
    }

    void invalidFormulaIsShownAndCounted() {
        QSignalSpy errors(m_view, &MathView::typesetErrors);
        FormulaItem bad;
        bad.title = QStringLiteral("broken");
        bad.latex = QStringLiteral("\\frac{1}{");
        QVERIFY(typeset({softmaxLike(), bad}));
        QCOMPARE(m_view->errorCount(), 1);
        QCOMPARE(errors.count(), 1);
        QCOMPARE(errors[0][0].toInt(), 1);
        QVERIFY(m_view->errorMessages()[0].startsWith(QStringLiteral("broken: KaTeX parse error")));
        QCOMPARE(js(*m_view, "document.querySelectorAll('.katex-error').length").toInt(), 1);
        QCOMPARE(js(*m_view, "document.querySelector('.katex-error').textContent").toString(), bad.latex);
        QVERIFY(typeset({softmaxLike()})); // the count is of the current content
        QCOMPARE(m_view->errorCount(), 0);
    }

    void subtermClicksComeBack() {
        QSignalSpy clicked(m_view, &MathView::subtermClicked);
        QVERIFY(typeset({softmaxLike()}));
        js(*m_view, "document.querySelector('[data-id=\"den\"]').click(); 0");
        QTRY_COMPARE_WITH_TIMEOUT(clicked.count(), 1, kTimeoutMs);
        QCOMPARE(clicked[0][0].toString(), QStringLiteral("den"));
        QCOMPARE(js(*m_view, "document.querySelectorAll('.linked').length").toInt(), 1);
        m_view->highlightSubterm(QStringLiteral("num"));
        QTRY_COMPARE_WITH_TIMEOUT(
            js(*m_view, "document.querySelector('.linked').dataset.id").toString(),
            QStringLiteral("num"), kTimeoutMs);
        m_view->highlightSubterm({});
        QTRY_COMPARE_WITH_TIMEOUT(js(*m_view, "document.querySelectorAll('.linked').length").toInt(),
                                  0, kTimeoutMs);
    }

    void onlyHtmlDataIsTrusted() {
        FormulaItem f;
        f.latex = QStringLiteral("\\href{https://example.com}{x} + \\htmlClass{evil}{y} + \\htmlData{id=ok}{z}");
        QVERIFY(typeset({f}));
        QCOMPARE(js(*m_view, "document.querySelectorAll('a').length").toInt(), 0);
        QCOMPARE(js(*m_view, "document.querySelectorAll('.evil').length").toInt(), 0);
        QCOMPARE(js(*m_view, "document.querySelectorAll('[data-id=\"ok\"]').length").toInt(), 1);
    }

    void pageCannotReachOutside() {
        QVERIFY(typeset({softmaxLike()}));
        js(*m_view, "window.probe = {};"
                    "for (const u of ['http://127.0.0.1:9/x', 'https://example.com/', 'file:///etc/hostname'])"
                    "  fetch(u).then(() => { probe[u] = 'loaded'; }, () => { probe[u] = 'blocked'; });"
                    "0");
        QTRY_COMPARE_WITH_TIMEOUT(js(*m_view, "Object.keys(probe).length").toInt(), 3, kTimeoutMs);
        QCOMPARE(js(*m_view, "Object.values(probe).filter(v => v === 'blocked').length").toInt(), 3);

        QVERIFY(LocalOnlyInterceptor::isLocal(QUrl("qrc:/katex/katex.min.js")));
        QVERIFY(LocalOnlyInterceptor::isLocal(QUrl("data:text/plain,x")));
        QVERIFY(!LocalOnlyInterceptor::isLocal(QUrl("https://cdn.jsdelivr.net/npm/katex")));
        QVERIFY(!LocalOnlyInterceptor::isLocal(QUrl("file:///etc/passwd")));
    }

    // Every verdict badge and an error, for a look at the typesetting (formula_view*.png).
    void screenshotOfFormulas_data() {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void screenshotOfFormulas() {
        QFETCH(bool, dark);
        m_view->setDarkTheme(dark);
        QVector<FormulaItem> items{softmaxLike()};
        const QVector<std::pair<VerdictKind, const char*>> verdicts{
            {VerdictKind::ProvedUpTo, "proved for n \u2264 64"}, {VerdictKind::Tested, "tested on 200 inputs"},
            {VerdictKind::Refuted, "refuted: n = 3"}, {VerdictKind::Unknown, "unknown"},
            {VerdictKind::Timeout, "timeout after 10 s"}, {VerdictKind::Cancelled, "cancelled"},
            {VerdictKind::Error, "error"}};
        for (const auto& [kind, text] : verdicts) {
            FormulaItem f;
            f.title = verdictKindName(kind);
            f.latex = QStringLiteral("y_i = \\sum_{k=0}^{n-1} x_{i,k}");
            f.verdict = kind;
            f.verdictText = QString::fromUtf8(text);
            items.push_back(f);
        }
        FormulaItem bad;
        bad.title = QStringLiteral("broken");
        bad.latex = QStringLiteral("\\frac{1}{");
        items.push_back(bad);
        m_view->resize(760, 1500);
        QVERIFY(typeset(items));
        const QString out = QStringLiteral(TLIFT_GUI_OUTPUT_DIR "/formula_view%1.png")
                                .arg(dark ? QStringLiteral("_dark") : QString());
        QTest::qWait(100);
        QVERIFY(m_view->grab().save(out, "PNG"));
        QCOMPARE(m_view->errorCount(), 1);
        // Each kind has its own badge colour.
        const QVariant colours = js(*m_view, "new Set([...document.querySelectorAll('.badge')]"
                                             ".map(b => getComputedStyle(b).color)).size");
        QCOMPARE(colours.toInt(), 8);
    }

    void placeholderAndThemes() {
        m_view->setPlaceholder(QStringLiteral("No formulas yet"), QStringLiteral("First.\n\nSecond."));
        QVERIFY(typeset({}));
        QCOMPARE(js(*m_view, "document.querySelector('.placeholder h2').textContent").toString(),
                 QStringLiteral("No formulas yet"));
        QCOMPARE(js(*m_view, "document.querySelectorAll('.placeholder p').length").toInt(), 2);
        m_view->setDarkTheme(true);
        QVERIFY(QTest::qWaitFor([this] { return m_view->isReady(); }, kTimeoutMs));
        QCOMPARE(js(*m_view, "document.body.className").toString(), QStringLiteral("dark"));
        QCOMPARE(js(*m_view, "getComputedStyle(document.body).backgroundColor").toString(),
                 QStringLiteral("rgb(22, 27, 34)"));
    }
};

TLIFT_GUI_TEST_MAIN(TestMathView)
#include "test_math_view.moc"
