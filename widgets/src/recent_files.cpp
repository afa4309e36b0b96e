#include "tlift/widgets/recent_files.h"

#include <QFileInfo>
#include <QSettings>

namespace tlift::widgets {
namespace {
const QString kKey = QStringLiteral("recentFiles");
}

RecentFiles::RecentFiles(QSettings* settings, int capacity)
    : m_settings(settings), m_capacity(capacity) {}

QStringList RecentFiles::stored() const { return m_settings->value(kKey).toStringList(); }

void RecentFiles::store(const QStringList& files) {
    m_settings->setValue(kKey, files);
    m_settings->sync();
}

void RecentFiles::add(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = stored();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > m_capacity) files.removeLast();
    store(files);
}

void RecentFiles::remove(const QString& path) {
    QStringList files = stored();
    files.removeAll(QFileInfo(path).absoluteFilePath());
    store(files);
}

void RecentFiles::clear() { store({}); }

QStringList RecentFiles::files() const {
    QStringList existing;
    for (const QString& f : stored())
        if (QFileInfo::exists(f)) existing.push_back(f);
    return existing;
}

} // namespace tlift::widgets
