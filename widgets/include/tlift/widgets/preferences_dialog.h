#pragma once
// The user's preferences (theme, code font size) and the small dialog that edits them.

#include "tlift/widgets/theme.h"

#include <QDialog>

class QComboBox;
class QSettings;
class QSpinBox;

namespace tlift::widgets {

struct Preferences {
    ThemeMode theme = ThemeMode::System;
    int fontSize = 11; // points, for code and formulas

    static Preferences load(const QSettings& settings);
    void save(QSettings& settings) const;
    bool operator==(const Preferences&) const = default;
};

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(const Preferences& current, QWidget* parent = nullptr);
    Preferences preferences() const;

signals:
    // Emitted on every change, so the window can preview it; Cancel restores the old values.
    void previewRequested(const Preferences& preferences);

private:
    QComboBox* m_theme;
    QSpinBox* m_fontSize;
};

} // namespace tlift::widgets
