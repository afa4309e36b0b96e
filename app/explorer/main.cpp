// tritonlift-explorer: the Qt explorer. At this stage it opens a kernel file and shows it.
#include "tlift_version.h"

#include <QApplication>
#include <QFile>
#include <QMainWindow>
#include <QPlainTextEdit>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("tritonlift-explorer");
    QApplication::setApplicationVersion(TLIFT_VERSION);
    QMainWindow window;
    auto* view = new QPlainTextEdit(&window);
    view->setReadOnly(true);
    if (argc > 1) {
        QFile f(QString::fromLocal8Bit(argv[1]));
        if (f.open(QIODevice::ReadOnly)) view->setPlainText(QString::fromUtf8(f.readAll()));
    }
    window.setCentralWidget(view);
    window.resize(1200, 800);
    window.show();
    return app.exec();
}
