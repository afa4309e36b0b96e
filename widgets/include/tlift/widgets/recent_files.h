#pragma once
// The files opened lately, newest first, kept in QSettings.

#include <QStringList>

class QSettings;

namespace tlift::widgets {

class RecentFiles {
public:
    explicit RecentFiles(QSettings* settings, int capacity = 10);
    void add(const QString& path); // moves it to the front; stored as an absolute path
    void remove(const QString& path);
    void clear();
    QStringList files() const; // the stored ones that still exist

private:
    QStringList stored() const;
    void store(const QStringList& files);

    QSettings* m_settings;
    int m_capacity;
};

} // namespace tlift::widgets
