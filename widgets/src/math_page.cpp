#include "math_page.h"

#include <QDebug>
#include <QWebEngineSettings>

namespace tlift::widgets {

MathPage::MathPage(QWebEngineProfile* profile, QObject* parent) : QWebEnginePage(profile, parent) {
    QWebEngineSettings* s = settings();
    s->setAttribute(QWebEngineSettings::LocalContentCanAccessRemoteUrls, false);
    s->setAttribute(QWebEngineSettings::LocalContentCanAccessFileUrls, false);
    s->setAttribute(QWebEngineSettings::LocalStorageEnabled, false);
    s->setAttribute(QWebEngineSettings::PluginsEnabled, false);
    s->setAttribute(QWebEngineSettings::DnsPrefetchEnabled, false);
    s->setAttribute(QWebEngineSettings::NavigateOnDropEnabled, false);
    s->setAttribute(QWebEngineSettings::JavascriptCanOpenWindows, false);
}

QUrl MathPage::documentUrl() { return QUrl(QStringLiteral("qrc:/explorer/formula_page.html")); }

bool MathPage::acceptNavigationRequest(const QUrl& url, NavigationType type, bool isMainFrame) {
    return isMainFrame && url == documentUrl() &&
           (type == NavigationTypeTyped || type == NavigationTypeReload ||
            type == NavigationTypeOther);
}

void MathPage::javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level,
                                        const QString& message, int line, const QString& source) {
    if (level == ErrorMessageLevel)
        qWarning().noquote() << "formula page:" << source << line << message;
}

} // namespace tlift::widgets
