#pragma once
// The formula page: stays on its one local document (links and drops navigate nowhere) and
// passes the page's script errors to the log.

#include <QWebEnginePage>

namespace tlift::widgets {

class MathPage : public QWebEnginePage {
    Q_OBJECT
public:
    MathPage(QWebEngineProfile* profile, QObject* parent);
    static QUrl documentUrl();

protected:
    bool acceptNavigationRequest(const QUrl& url, NavigationType type, bool isMainFrame) override;
    void javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level, const QString& message,
                                  int line, const QString& source) override;
};

} // namespace tlift::widgets
