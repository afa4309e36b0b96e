#pragma once
// main() for the GUI tests: prepares QtWebEngine before the application exists, as the explorer
// does, then runs the QtTest class.

#include "tlift/widgets/application_setup.h"

#include <QApplication>
#include <QTest>

#define TLIFT_GUI_TEST_MAIN(TestClass)                                                             \
    int main(int argc, char** argv) {                                                              \
        tlift::widgets::prepareApplicationEnvironment();                                           \
        QApplication app(argc, argv);                                                              \
        app.setAttribute(Qt::AA_Use96Dpi, true);                                                   \
        TestClass test;                                                                            \
        return QTest::qExec(&test, argc, argv);                                                    \
    }
