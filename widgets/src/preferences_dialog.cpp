#include "tlift/widgets/preferences_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tlift::widgets {
namespace {
constexpr int kMinFont = 7;
constexpr int kMaxFont = 28;
} // namespace

Preferences Preferences::load(const QSettings& settings) {
    Preferences p;
    p.theme = themeModeFromName(settings.value(QStringLiteral("preferences/theme")).toString());
    p.fontSize = std::clamp(settings.value(QStringLiteral("preferences/fontSize"), p.fontSize).toInt(),
                            kMinFont, kMaxFont);
    return p;
}

void Preferences::save(QSettings& settings) const {
    settings.setValue(QStringLiteral("preferences/theme"), themeModeName(theme));
    settings.setValue(QStringLiteral("preferences/fontSize"), fontSize);
}

PreferencesDialog::PreferencesDialog(const Preferences& current, QWidget* parent)
    : QDialog(parent), m_theme(new QComboBox(this)), m_fontSize(new QSpinBox(this)) {
    setWindowTitle(tr("Preferences"));
    m_theme->addItem(tr("Follow the system"), QVariant::fromValue(int(ThemeMode::System)));
    m_theme->addItem(tr("Light"), QVariant::fromValue(int(ThemeMode::Light)));
    m_theme->addItem(tr("Dark"), QVariant::fromValue(int(ThemeMode::Dark)));
    m_theme->setCurrentIndex(m_theme->findData(int(current.theme)));
    m_fontSize->setRange(kMinFont, kMaxFont);
    m_fontSize->setSuffix(tr(" pt"));
    m_fontSize->setValue(current.fontSize);

    auto* form = new QFormLayout;
    form->addRow(tr("&Theme:"), m_theme);
    form->addRow(tr("Code and formula &size:"), m_fontSize);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(this, &QDialog::rejected, this, [this, current] { emit previewRequested(current); });
    auto preview = [this] { emit previewRequested(preferences()); };
    connect(m_theme, &QComboBox::currentIndexChanged, this, preview);
    connect(m_fontSize, &QSpinBox::valueChanged, this, preview);
}

Preferences PreferencesDialog::preferences() const {
    return {static_cast<ThemeMode>(m_theme->currentData().toInt()), m_fontSize->value()};
}

} // namespace tlift::widgets
