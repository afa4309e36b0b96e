#pragma once
// The object the formula page talks to through QWebChannel. Its slots are the page's only way
// back into the application.

#include <QObject>
#include <QStringList>

namespace tlift::widgets {

class MathView;

class MathBridge : public QObject {
    Q_OBJECT
public:
    explicit MathBridge(MathView* view);

public slots:
    void pageReady();
    void typeset(int generation, const QStringList& errors);
    void subtermClicked(const QString& id);

private:
    MathView* m_view;
};

} // namespace tlift::widgets
