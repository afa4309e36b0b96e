#pragma once
// Refuses every request of a web page that leaves the application: only qrc:, data:, blob: and
// about: URLs load. The explorer never touches the network.

#include <QWebEngineUrlRequestInterceptor>

#include <atomic>

namespace tlift::widgets {

class LocalOnlyInterceptor : public QWebEngineUrlRequestInterceptor {
    Q_OBJECT
public:
    using QWebEngineUrlRequestInterceptor::QWebEngineUrlRequestInterceptor;
    void interceptRequest(QWebEngineUrlRequestInfo& info) override;
    static bool isLocal(const QUrl& url);
    int blockedCount() const { return m_blocked.load(); }

private:
    std::atomic<int> m_blocked{0}; // interceptRequest runs on the IO thread
};

} // namespace tlift::widgets
