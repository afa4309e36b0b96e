#pragma once
// The formula pane: formulas typeset by the embedded KaTeX in a local web page, each with its
// verdict badge and assumptions. Subterms marked \htmlData{id=...}{...} are clickable and can be
// highlighted from other panes. The page reaches nothing outside the application's resources.

#include "tlift/widgets/formula_item.h"

#include <QStringList>
#include <QVector>
#include <QWebEngineView>

class QWebEngineProfile;

namespace tlift::widgets {

class MathBridge;
class MathPage;

class MathView : public QWebEngineView {
    Q_OBJECT
public:
    explicit MathView(QWidget* parent = nullptr);
    ~MathView() override;

    void setFormulas(const QVector<FormulaItem>& items);
    const QVector<FormulaItem>& formulas() const { return m_formulas; }
    // Shown while there are no formulas.
    void setPlaceholder(const QString& title, const QString& text);
    void setDarkTheme(bool dark);
    bool darkTheme() const { return m_dark; }
    void setFontPointSize(int points);
    // Marks the subterms carrying this id (as a click would); an empty id clears the mark.
    void highlightSubterm(const QString& id);

    // True once the current content is typeset and its fonts are loaded.
    bool isReady() const { return m_ready; }
    int errorCount() const { return m_errors.size(); }
    const QStringList& errorMessages() const { return m_errors; }

signals:
    void ready();
    void typesetErrors(int count, const QStringList& messages);
    void subtermClicked(const QString& id);

private:
    friend class MathBridge;
    void loadPage();
    void onPageReady();
    void onTypeset(int generation, const QStringList& errors);
    void pushState();

    QWebEngineProfile* m_profile = nullptr;
    MathPage* m_page = nullptr;
    MathBridge* m_bridge = nullptr;
    QVector<FormulaItem> m_formulas;
    QString m_placeholderTitle;
    QString m_placeholderText;
    QString m_highlightId;
    bool m_dark = false;
    int m_fontPoints = 11;
    bool m_pageReady = false;
    bool m_ready = false;
    int m_generation = 0;
    int m_reloads = 0; // after a crash of the page's renderer
    QStringList m_errors;
};

} // namespace tlift::widgets
