#include "tlift/widgets/dock_layout.h"

#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMainWindow>
#include <QSet>

namespace tlift::widgets {
namespace {

bool parseArea(const QString& name, Qt::DockWidgetArea* area) {
    static const QHash<QString, Qt::DockWidgetArea> areas = {
        {QStringLiteral("left"), Qt::LeftDockWidgetArea},
        {QStringLiteral("right"), Qt::RightDockWidgetArea},
        {QStringLiteral("top"), Qt::TopDockWidgetArea},
        {QStringLiteral("bottom"), Qt::BottomDockWidgetArea}};
    *area = areas.value(name, Qt::NoDockWidgetArea);
    return *area != Qt::NoDockWidgetArea;
}

Qt::Orientation parseOrientation(const QString& name) {
    return name == QLatin1String("vertical") ? Qt::Vertical : Qt::Horizontal;
}

// Carries out one step; returns an error message, empty on success.
class StepRunner {
public:
    StepRunner(QMainWindow* window, const QHash<QString, QDockWidget*>& docks)
        : m_window(window), m_docks(docks) {}

    QString run(const QJsonObject& step) {
        if (step.contains(QLatin1String("add"))) return add(step);
        if (step.contains(QLatin1String("split"))) return split(step);
        if (step.contains(QLatin1String("tabify"))) return tabify(step);
        if (step.contains(QLatin1String("raise"))) return raise(step);
        if (step.contains(QLatin1String("resize"))) return resize(step);
        return QStringLiteral("unknown step %1")
            .arg(QString::fromUtf8(QJsonDocument(step).toJson(QJsonDocument::Compact)));
    }

    QSet<QString> placed() const { return m_placed; }

private:
    QDockWidget* dock(const QJsonValue& name, QString* error) const {
        QDockWidget* d = m_docks.value(name.toString());
        if (!d) *error = QStringLiteral("unknown dock '%1'").arg(name.toString());
        return d;
    }

    QString add(const QJsonObject& step) {
        QString error;
        QDockWidget* d = dock(step[QLatin1String("add")], &error);
        Qt::DockWidgetArea area;
        if (!d) return error;
        if (!parseArea(step[QLatin1String("area")].toString(), &area))
            return QStringLiteral("bad area for dock '%1'").arg(d->objectName());
        m_window->addDockWidget(area, d);
        m_placed.insert(step[QLatin1String("add")].toString());
        return {};
    }

    QString split(const QJsonObject& step) {
        QString error;
        QDockWidget* first = dock(step[QLatin1String("split")], &error);
        QDockWidget* second = first ? dock(step[QLatin1String("with")], &error) : nullptr;
        if (!second) return error;
        if (!m_placed.contains(step[QLatin1String("split")].toString()))
            return QStringLiteral("split of '%1' before it is placed").arg(first->objectName());
        m_window->splitDockWidget(first, second,
                                  parseOrientation(step[QLatin1String("orientation")].toString()));
        m_placed.insert(step[QLatin1String("with")].toString());
        return {};
    }

    QString tabify(const QJsonObject& step) {
        QString error;
        QDockWidget* first = dock(step[QLatin1String("tabify")], &error);
        QDockWidget* second = first ? dock(step[QLatin1String("with")], &error) : nullptr;
        if (!second) return error;
        if (!m_placed.contains(step[QLatin1String("tabify")].toString()))
            return QStringLiteral("tabify onto '%1' before it is placed").arg(first->objectName());
        m_window->tabifyDockWidget(first, second);
        m_placed.insert(step[QLatin1String("with")].toString());
        return {};
    }

    QString raise(const QJsonObject& step) {
        QString error;
        QDockWidget* d = dock(step[QLatin1String("raise")], &error);
        if (!d) return error;
        d->raise();
        return {};
    }

    // Weights are relative; they become pixels of the window's current size.
    QString resize(const QJsonObject& step) {
        const QJsonArray names = step[QLatin1String("resize")].toArray();
        const QJsonArray weights = step[QLatin1String("weights")].toArray();
        if (names.isEmpty() || names.size() != weights.size())
            return QStringLiteral("resize needs as many weights as docks");
        const Qt::Orientation o = parseOrientation(step[QLatin1String("orientation")].toString());
        const int extent = o == Qt::Horizontal ? m_window->width() : m_window->height();
        double total = 0;
        for (const QJsonValue& w : weights) total += std::max(0.0, w.toDouble());
        if (total <= 0) return QStringLiteral("resize weights must be positive");
        QList<QDockWidget*> docks;
        QList<int> sizes;
        for (qsizetype i = 0; i < names.size(); ++i) {
            QString error;
            QDockWidget* d = dock(names[i], &error);
            if (!d) return error;
            docks.push_back(d);
            sizes.push_back(static_cast<int>(extent * std::max(0.0, weights[i].toDouble()) / total));
        }
        m_window->resizeDocks(docks, sizes, o);
        return {};
    }

    QMainWindow* m_window;
    const QHash<QString, QDockWidget*>& m_docks;
    QSet<QString> m_placed;
};

} // namespace

bool DockLayout::parse(const QByteArray& json, QString* error) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (doc.isNull() || !doc.isObject()) {
        *error = QStringLiteral("dock layout: %1 at offset %2")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    const QJsonObject root = doc.object();
    if (!root[QLatin1String("steps")].isArray()) {
        *error = QStringLiteral("dock layout: no 'steps' array");
        return false;
    }
    m_version = root[QLatin1String("version")].toInt();
    m_json = json;
    return true;
}

bool DockLayout::apply(QMainWindow* window, const QHash<QString, QDockWidget*>& docks,
                       QString* error) const {
    const QJsonArray steps = QJsonDocument::fromJson(m_json).object()[QLatin1String("steps")].toArray();
    StepRunner runner(window, docks);
    for (const QJsonValue& step : steps) {
        const QString stepError = runner.run(step.toObject());
        if (!stepError.isEmpty()) {
            *error = QStringLiteral("dock layout: %1").arg(stepError);
            return false;
        }
    }
    QStringList missing;
    for (auto it = docks.begin(); it != docks.end(); ++it)
        if (!runner.placed().contains(it.key())) missing.push_back(it.key());
    if (!missing.isEmpty()) {
        missing.sort();
        *error = QStringLiteral("dock layout leaves out: %1").arg(missing.join(QStringLiteral(", ")));
        return false;
    }
    return true;
}

} // namespace tlift::widgets
