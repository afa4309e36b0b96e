#pragma once
// A dock arrangement written as data (resources/explorer/default_layout.json): the docks to add,
// split, tabify, raise and resize, in order. Readable and diffable, unlike a saveState() blob,
// and independent of the screen it was made on.

#include <QByteArray>
#include <QHash>
#include <QString>

class QDockWidget;
class QMainWindow;

namespace tlift::widgets {

class DockLayout {
public:
    // Parses the JSON description; false with `error` set when it is malformed.
    bool parse(const QByteArray& json, QString* error);
    // Places every dock of `docks` (keyed by the names the description uses) in `window`.
    // False with `error` set when the description names an unknown dock or leaves one out.
    bool apply(QMainWindow* window, const QHash<QString, QDockWidget*>& docks,
               QString* error) const;
    int version() const { return m_version; }

private:
    QByteArray m_json;
    int m_version = 0;
};

} // namespace tlift::widgets
