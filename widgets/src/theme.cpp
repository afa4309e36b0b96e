#include "tlift/widgets/theme.h"

namespace tlift::widgets {
namespace {

CodeColors lightCode() {
    CodeColors c;
    c.text = QColor(0x1f, 0x23, 0x28);
    c.background = QColor(0xff, 0xff, 0xff);
    c.gutterText = QColor(0x8c, 0x95, 0x9f);
    c.gutterBackground = QColor(0xf6, 0xf8, 0xfa);
    c.gutterCurrent = QColor(0x1f, 0x23, 0x28);
    c.currentLine = QColor(0xee, 0xf3, 0xfb);
    c.keyword = QColor(0xcf, 0x22, 0x2e);
    c.builtin = QColor(0x95, 0x38, 0x00);
    c.triton = QColor(0x0b, 0x6e, 0x79);
    c.decorator = QColor(0x66, 0x39, 0xba);
    c.definition = QColor(0x82, 0x50, 0xdf);
    c.number = QColor(0x05, 0x50, 0xae);
    c.string = QColor(0x11, 0x63, 0x29);
    c.comment = QColor(0x6e, 0x77, 0x81);
    c.linkedRange = QColor(0xff, 0xe5, 0x8f);
    return c;
}

CodeColors darkCode() {
    CodeColors c;
    c.text = QColor(0xe6, 0xed, 0xf3);
    c.background = QColor(0x16, 0x1b, 0x22);
    c.gutterText = QColor(0x6e, 0x76, 0x81);
    c.gutterBackground = QColor(0x16, 0x1b, 0x22);
    c.gutterCurrent = QColor(0xe6, 0xed, 0xf3);
    c.currentLine = QColor(0x22, 0x29, 0x33);
    c.keyword = QColor(0xff, 0x7b, 0x72);
    c.builtin = QColor(0xff, 0xa6, 0x57);
    c.triton = QColor(0x56, 0xd4, 0xdd);
    c.decorator = QColor(0xbc, 0x8c, 0xff);
    c.definition = QColor(0xd2, 0xa8, 0xff);
    c.number = QColor(0x79, 0xc0, 0xff);
    c.string = QColor(0x7e, 0xe7, 0x87);
    c.comment = QColor(0x8b, 0x94, 0x9e);
    c.linkedRange = QColor(0x5a, 0x4a, 0x12);
    return c;
}

QPalette lightPalette() {
    QPalette p;
    const QColor window(0xf3, 0xf4, 0xf6), text(0x1f, 0x23, 0x28), base(Qt::white);
    const QColor highlight(0x21, 0x6e, 0xd8), mid(0xc9, 0xcd, 0xd3);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0xf6, 0xf8, 0xfa));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xf0));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x6e, 0x77, 0x81));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0xfa, 0xfb, 0xfc));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Light, Qt::white);
    p.setColor(QPalette::Midlight, QColor(0xe4, 0xe7, 0xeb));
    p.setColor(QPalette::Mid, mid);
    p.setColor(QPalette::Dark, QColor(0xa0, 0xa6, 0xad));
    p.setColor(QPalette::Shadow, QColor(0x60, 0x66, 0x6d));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, highlight);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x9a, 0xa0, 0xa6));
    return p;
}

QPalette darkPalette() {
    QPalette p;
    const QColor window(0x1f, 0x23, 0x29), text(0xe6, 0xed, 0xf3), base(0x16, 0x1b, 0x22);
    const QColor highlight(0x2f, 0x6f, 0xd0);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x1c, 0x21, 0x28));
    p.setColor(QPalette::ToolTipBase, QColor(0x2d, 0x33, 0x3b));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8b, 0x94, 0x9e));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2a, 0x2f, 0x37));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x7b, 0x72));
    p.setColor(QPalette::Light, QColor(0x3a, 0x40, 0x48));
    p.setColor(QPalette::Midlight, QColor(0x31, 0x37, 0x3f));
    p.setColor(QPalette::Mid, QColor(0x3d, 0x44, 0x4d));
    p.setColor(QPalette::Dark, QColor(0x10, 0x13, 0x17));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x58, 0xa6, 0xff));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x6e, 0x76, 0x81));
    return p;
}

} // namespace

QString themeModeName(ThemeMode mode) {
    switch (mode) {
    case ThemeMode::Light: return QStringLiteral("light");
    case ThemeMode::Dark: return QStringLiteral("dark");
    case ThemeMode::System: break;
    }
    return QStringLiteral("system");
}

ThemeMode themeModeFromName(const QString& name) {
    if (name == QLatin1String("light")) return ThemeMode::Light;
    if (name == QLatin1String("dark")) return ThemeMode::Dark;
    return ThemeMode::System;
}

Theme Theme::light() { return {false, lightPalette(), lightCode()}; }
Theme Theme::dark() { return {true, darkPalette(), darkCode()}; }

Theme Theme::forMode(ThemeMode mode, const QPalette& systemPalette) {
    switch (mode) {
    case ThemeMode::Light: return light();
    case ThemeMode::Dark: return dark();
    case ThemeMode::System: break;
    }
    Theme t = isDarkPalette(systemPalette) ? dark() : light();
    t.palette = systemPalette;
    return t;
}

bool Theme::isDarkPalette(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < 128;
}

} // namespace tlift::widgets
