#include "math_bridge.h"

#include "tlift/widgets/math_view.h"

namespace tlift::widgets {

MathBridge::MathBridge(MathView* view) : QObject(view), m_view(view) {}

void MathBridge::pageReady() { m_view->onPageReady(); }

void MathBridge::typeset(int generation, const QStringList& errors) {
    m_view->onTypeset(generation, errors);
}

void MathBridge::subtermClicked(const QString& id) {
    if (!id.isEmpty()) emit m_view->subtermClicked(id);
}

} // namespace tlift::widgets
