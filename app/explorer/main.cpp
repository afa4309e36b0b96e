// tritonlift-explorer: the Qt explorer. Opens a kernel file and shows it with the panes of a
// lift; --lift lifts it on start; with --screenshot it writes a PNG of the window once the
// formula pane is ready (with --lift: once the lift is done and its formulas are typeset).
#include "tlift_version.h"

#include "tlift/widgets/application_setup.h"
#include "tlift/widgets/diagnostics_view.h"
#include "tlift/widgets/main_window.h"
#include "tlift/widgets/math_view.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QTimer>

#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>

namespace {

constexpr int kDefaultScreenshotWaitMs = 30000;
constexpr int kDefaultLiftScreenshotWaitMs = 180000;

struct Options {
    QString file;
    QString screenshot;
    int quitAfterMs = -1;
    QString settingsFile;
    QString theme;
    bool lift = false;
    bool platformGiven = false; // -platform, for QApplication
};

int fail(const QString& message, int code = 2) {
    std::fprintf(stderr, "tritonlift-explorer: %s\n", qPrintable(message));
    return code;
}

// Parses the command line; returns an exit code when the program should stop right away.
std::optional<int> parseOptions(const QCoreApplication& app, Options* options) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Explore how tritonlift lifts a Triton kernel to verified mathematics.");
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions); // -platform x
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    parser.addPositionalArgument("FILE", "A Triton kernel (.py), its TTIR (.ttir), or any text file.",
                                 "[FILE]");
    const QCommandLineOption screenshot(
        "screenshot", "Write a PNG of the whole window to PNG once the formula pane is ready, then exit.",
        "PNG");
    const QCommandLineOption quitAfter(
        "quit-after-ms",
        "Quit after N milliseconds. With --screenshot: wait at most N ms for the formula pane.", "N");
    const QCommandLineOption settings(
        "settings", "Keep the layout, recent files and preferences in this INI file instead of "
                    "the user's settings.", "INI");
    const QCommandLineOption theme("theme", "Use this theme for this run: system, light or dark.",
                                   "THEME");
    const QCommandLineOption lift(
        "lift", "Lift FILE on start. With --screenshot: the PNG is taken once the lift is done and "
                "its formulas are typeset; the exit code is 0 only when the lift finished.");
    parser.addOptions({screenshot, quitAfter, settings, theme, lift});
    // QApplication's own options (-platform, -style, ...) pass through to it.
    for (const char* name : {"platform", "platformpluginpath", "platformtheme", "plugin", "style",
                             "stylesheet", "qwindowgeometry", "qwindowtitle", "qwindowicon",
                             "session", "widgetcount", "reverse"}) {
        const bool takesValue = std::strcmp(name, "widgetcount") != 0 && std::strcmp(name, "reverse") != 0;
        QCommandLineOption qtOption(name, "Qt's option", takesValue ? "value" : QString());
        qtOption.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(qtOption);
    }
    if (!parser.parse(app.arguments())) return fail(parser.errorText() + " (see --help)");
    if (parser.isSet(help) || parser.isSet("help-all")) parser.showHelp(0);
    if (parser.isSet(version)) parser.showVersion();

    const QStringList files = parser.positionalArguments();
    if (files.size() > 1) return fail("give at most one FILE (see --help)");
    options->file = files.value(0);
    options->screenshot = parser.value(screenshot);
    options->settingsFile = parser.value(settings);
    options->theme = parser.value(theme);
    options->lift = parser.isSet(lift);
    if (options->lift && options->file.isEmpty()) return fail("--lift needs a FILE (see --help)");
    options->platformGiven = parser.isSet("platform");
    if (!options->theme.isEmpty() && options->theme != "system" && options->theme != "light" &&
        options->theme != "dark")
        return fail("--theme takes system, light or dark");
    if (parser.isSet(quitAfter)) {
        bool ok = false;
        options->quitAfterMs = parser.value(quitAfter).toInt(&ok);
        if (!ok || options->quitAfterMs < 0) return fail("--quit-after-ms takes a number >= 0");
    }
    return std::nullopt;
}

// Grabs the window once the formula pane has typeset its content (or the wait ran out). With
// `lift`, the content that counts is the lift's: the grab waits for the lift to end first.
void scheduleScreenshot(tlift::widgets::MainWindow* window, const QString& path, int waitMs,
                        bool fileOk, bool lift) {
    struct State {
        bool done = false;
        bool lifted = false;
        bool liftOk = false;
    };
    auto state = std::make_shared<State>();
    auto take = [window, path, state, fileOk, lift](bool ready) {
        if (state->done) return;
        state->done = true;
        if (!ready)
            std::fprintf(stderr, "tritonlift-explorer: %s\n",
                         lift && !state->lifted ? "the lift did not end in time"
                                                : "the formula pane was not ready in time");
        const bool saved = window->grab().save(path, "PNG");
        if (!saved) fail(QString("cannot write %1").arg(path));
        const bool ok = saved && ready && fileOk && (!lift || state->liftOk);
        QCoreApplication::exit(ok ? 0 : 1);
    };
    tlift::widgets::MathView* math = window->mathView();
    // One more turn of the event loop lets the window lay out the frame the page just drew.
    auto takeSoon = [take] { QTimer::singleShot(50, [take] { take(true); }); };
    QObject::connect(math, &tlift::widgets::MathView::ready, window, [state, lift, takeSoon] {
        if (!lift || state->lifted) takeSoon();
    });
    if (lift) {
        QObject::connect(window, &tlift::widgets::MainWindow::liftFinished, window,
                         [window, state, takeSoon](quint64, int jobState) {
                             state->lifted = true;
                             state->liftOk = jobState == static_cast<int>(tlift::engine::JobState::Finished);
                             if (window->mathView()->isReady()) takeSoon();
                         });
    }
    QTimer::singleShot(waitMs, window, [take] { take(false); });
}

void setNames() {
    QCoreApplication::setOrganizationName("tritonlift");
    QCoreApplication::setApplicationName("tritonlift-explorer");
    QCoreApplication::setApplicationVersion(TLIFT_VERSION);
}

// Without a display Qt would abort. A screenshot needs none: it renders offscreen.
std::optional<int> choosePlatform(const Options& options) {
    if (options.platformGiven || qEnvironmentVariableIsSet("QT_QPA_PLATFORM") ||
        qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY"))
        return std::nullopt;
    if (!options.screenshot.isEmpty()) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        return std::nullopt;
    }
    return fail("no display: run under xvfb-run, or write a --screenshot (see --help)", 1);
}

} // namespace

int main(int argc, char** argv) {
    Options options;
    {
        // --help, --version and bad options are answered without a display.
        QCoreApplication probe(argc, argv);
        setNames();
        if (const auto code = parseOptions(probe, &options)) return *code;
    }
    if (const auto code = choosePlatform(options)) return *code;

    tlift::widgets::prepareApplicationEnvironment();
    QApplication app(argc, argv);
    setNames();
    tlift::widgets::configureApplication();

    auto settings = options.settingsFile.isEmpty()
                        ? std::make_unique<QSettings>()
                        : std::make_unique<QSettings>(options.settingsFile, QSettings::IniFormat);
    tlift::widgets::MainWindow window(settings.get());
    if (!options.theme.isEmpty()) {
        tlift::widgets::Preferences p = window.preferences();
        p.theme = tlift::widgets::themeModeFromName(options.theme);
        window.applyPreferences(p, false);
    }
    bool fileOk = true;
    if (!options.file.isEmpty() && !window.openFile(options.file)) {
        fileOk = false;
        const auto& items = window.diagnosticsView()->diagnosticsModel()->diagnostics();
        fail(items.isEmpty() ? QString("cannot open %1").arg(options.file) : items.last().message, 1);
    }
    window.show();
    const bool lift = options.lift && fileOk;
    if (lift) window.lift();

    if (!options.screenshot.isEmpty()) {
        const int fallback = options.lift ? kDefaultLiftScreenshotWaitMs : kDefaultScreenshotWaitMs;
        const int wait = options.quitAfterMs >= 0 ? options.quitAfterMs : fallback;
        scheduleScreenshot(&window, options.screenshot, wait, fileOk, lift);
    } else if (options.quitAfterMs >= 0) {
        QTimer::singleShot(options.quitAfterMs, &app, &QCoreApplication::quit);
    }
    return app.exec();
}
