#include "tlift/widgets/application_setup.h"

#include <QApplication>
#include <QIcon>
#include <QStyleFactory>

#include <unistd.h>

namespace tlift::widgets {

void prepareApplicationEnvironment() {
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    const bool noSandboxFlag =
        qEnvironmentVariable("QTWEBENGINE_CHROMIUM_FLAGS").contains(QLatin1String("--no-sandbox"));
    if (geteuid() == 0 && !qEnvironmentVariableIsSet("QTWEBENGINE_DISABLE_SANDBOX") && !noSandboxFlag)
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
}

void configureApplication() {
    if (QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion"))) QApplication::setStyle(fusion);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/explorer/icons/tritonlift.svg")));
}

} // namespace tlift::widgets
