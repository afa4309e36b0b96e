#include "tlift/widgets/math_view.h"

#include "local_only_interceptor.h"
#include "math_bridge.h"
#include "math_page.h"

#include <QDebug>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QWebChannel>
#include <QWebEngineProfile>

namespace tlift::widgets {

MathView::MathView(QWidget* parent) : QWebEngineView(parent) {
    // An off-the-record profile of our own: no cache or cookies on disk, and our interceptor
    // sees every request the page makes.
    m_profile = new QWebEngineProfile(this);
    m_profile->setUrlRequestInterceptor(new LocalOnlyInterceptor(m_profile));
    m_page = new MathPage(m_profile, this);
    m_bridge = new MathBridge(this);
    auto* channel = new QWebChannel(m_page);
    channel->registerObject(QStringLiteral("bridge"), m_bridge);
    m_page->setWebChannel(channel);
    setPage(m_page);
    setAcceptDrops(false); // files dropped here go to the window, which opens them
    setContextMenuPolicy(Qt::NoContextMenu);
    setDarkTheme(false);
    connect(m_page, &QWebEnginePage::loadFinished, this, [](bool ok) {
        if (!ok) qWarning() << "formula page: could not load" << MathPage::documentUrl();
    });
    connect(m_page, &QWebEnginePage::renderProcessTerminated, this,
            [this](QWebEnginePage::RenderProcessTerminationStatus status, int code) {
                if (status == QWebEnginePage::NormalTerminationStatus) return;
                qWarning() << "formula page: renderer ended with code" << code;
                constexpr int kMaxReloads = 3; // a page that keeps crashing stays blank
                if (++m_reloads <= kMaxReloads) loadPage();
            });
    loadPage();
}

void MathView::loadPage() {
    m_pageReady = false;
    m_ready = false;
    m_page->load(MathPage::documentUrl());
}

MathView::~MathView() {
    // A page must go before its profile (the profile is a child of this view, too).
    delete m_page;
    m_page = nullptr;
}

void MathView::setFormulas(const QVector<FormulaItem>& items) {
    m_formulas = items;
    pushState();
}

void MathView::setPlaceholder(const QString& title, const QString& text) {
    m_placeholderTitle = title;
    m_placeholderText = text;
    pushState();
}

void MathView::setDarkTheme(bool dark) {
    m_dark = dark;
    m_page->setBackgroundColor(dark ? QColor(0x16, 0x1b, 0x22) : QColor(Qt::white));
    pushState();
}

void MathView::setFontPointSize(int points) {
    m_fontPoints = std::clamp(points, 6, 48);
    pushState();
}

void MathView::highlightSubterm(const QString& id) {
    m_highlightId = id;
    if (!m_pageReady) return; // pushState carries it once the page is there
    const QString arg = QString::fromUtf8(QJsonDocument(QJsonArray{id}).toJson(QJsonDocument::Compact));
    m_page->runJavaScript(QStringLiteral("tlift.highlight(%1[0]);").arg(arg));
}

void MathView::pushState() {
    m_ready = false;
    ++m_generation;
    if (!m_pageReady) return;
    QJsonArray formulas;
    for (const FormulaItem& f : m_formulas) formulas.append(f.toJson());
    QJsonObject state;
    state[QStringLiteral("generation")] = m_generation;
    state[QStringLiteral("dark")] = m_dark;
    state[QStringLiteral("fontPoints")] = m_fontPoints;
    state[QStringLiteral("placeholderTitle")] = m_placeholderTitle;
    state[QStringLiteral("placeholderText")] = m_placeholderText;
    state[QStringLiteral("highlight")] = m_highlightId;
    state[QStringLiteral("formulas")] = formulas;
    const QByteArray json = QJsonDocument(state).toJson(QJsonDocument::Compact);
    m_page->runJavaScript(QStringLiteral("tlift.update(%1);").arg(QString::fromUtf8(json)));
}

void MathView::onPageReady() {
    m_pageReady = true;
    pushState();
}

void MathView::onTypeset(int generation, const QStringList& errors) {
    if (generation != m_generation) return; // a newer state is on its way
    m_errors = errors;
    m_ready = true;
    if (!errors.isEmpty()) emit typesetErrors(errors.size(), errors);
    emit ready();
}

} // namespace tlift::widgets
