#pragma once
// What every process that shows these widgets does around creating its QApplication.

namespace tlift::widgets {

// Before the QApplication exists: QtWebEngine needs shared OpenGL contexts, and its Chromium
// cannot sandbox itself as root (it would abort at start), so as root the sandbox is turned off.
void prepareApplicationEnvironment();

// After it exists: the Fusion style (so the light and dark palettes look alike everywhere) and
// the application icon.
void configureApplication();

} // namespace tlift::widgets
