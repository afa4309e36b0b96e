#pragma once
// Refuses every request of a web page that leaves the application: only qrc:, data:, blob: and
// about: URLs load. The explorer never touches the network.

#include <QWebEngineUrlRequestInterceptor>

namespace tlift::widgets {

class LocalOnlyInterceptor : public QWebEngineUrlRequestInterceptor {
    Q_OBJECT
public:
    using QWebEngineUrlRequestInterceptor::QWebEngineUrlRequestInterceptor;
    void interceptRequest(QWebEngineUrlRequestInfo& info) override;
    static bool isLocal(const QUrl& url);
};

} // namespace tlift::widgets
