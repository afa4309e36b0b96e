#pragma once
// The formula printers that front ends show (text form, LaTeX, names, term sizes), re-exported
// from the IR so that the explorer needs no header below the engine.

#include "tlift/ir/printer.h"
#include "tlift/ir/subst.h"

namespace tlift::engine {

using ir::latexName;
using ir::LatexOptions;
using ir::toLatex;
using ir::toText;
using ir::treeSize;

} // namespace tlift::engine
