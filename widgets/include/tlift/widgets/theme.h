#pragma once
// Light and dark looks of the explorer: the widget palette and the colours of code. The system
// palette is followed unless the user picks a theme in the preferences.

#include <QColor>
#include <QPalette>
#include <QString>

namespace tlift::widgets {

enum class ThemeMode { System, Light, Dark };
QString themeModeName(ThemeMode mode); // "system", "light", "dark"
ThemeMode themeModeFromName(const QString& name); // unknown names give System

struct CodeColors {
    QColor text, background, gutterText, gutterBackground, gutterCurrent, currentLine;
    QColor keyword, builtin, triton, decorator, definition, number, string, comment;
    QColor linkedRange; // the default colour for ranges linked to a selection elsewhere
};

struct Theme {
    bool isDark = false;
    QPalette palette;
    CodeColors code;

    static Theme light();
    static Theme dark();
    // System follows `systemPalette` (dark when its window colour is dark) and keeps it.
    static Theme forMode(ThemeMode mode, const QPalette& systemPalette);
    static bool isDarkPalette(const QPalette& palette);
};

} // namespace tlift::widgets
