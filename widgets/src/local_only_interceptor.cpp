#include "local_only_interceptor.h"

#include <QUrl>

namespace tlift::widgets {

bool LocalOnlyInterceptor::isLocal(const QUrl& url) {
    const QString scheme = url.scheme();
    return scheme == QLatin1String("qrc") || scheme == QLatin1String("data") ||
           scheme == QLatin1String("blob") || scheme == QLatin1String("about");
}

void LocalOnlyInterceptor::interceptRequest(QWebEngineUrlRequestInfo& info) {
    if (!isLocal(info.requestUrl())) info.block(true);
}

} // namespace tlift::widgets
