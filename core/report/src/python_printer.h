#pragma once
// Formulas as vectorized Python (NumPy or PyTorch). Index-level formulas become array code: each
// output coordinate and each reduction variable is an index array laid along its own axis
// (numpy broadcasting), tensor reads become indexing with those arrays, and a reduction is a
// statement that reduces its body over the variable's axis (keeping the axis, so that the
// surrounding expression still broadcasts). Tensor-level formulas map onto the libraries'
// operators (torch.softmax, F.layer_norm, ...), and for NumPy onto small helper functions that
// the generated file defines.

#include "tlift/ir/expr.h"
#include "tlift/util/result.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace tlift::report::detail {

enum class PyLib { NumPy, Torch };

// How IR leaves are spelled in the generated code.
struct PyScope {
    std::map<std::string, std::string> tensors; // IR tensor name -> Python variable
    std::map<std::string, std::string> syms;    // IR symbol name -> Python variable
    std::vector<ir::Expr> coords;               // output coordinates, axes 0..r-1
    std::vector<std::string> coordNames;        // their Python index arrays
    int axes = 0;                               // coordinates + deepest reduction nesting
    std::string device;                         // Torch: the expression of the device
};

class PythonPrinter {
public:
    PythonPrinter(PyLib lib, PyScope scope, std::set<std::string>& usedNames);

    // The Python expression of e; statements it needs first (reductions) go to statements().
    util::Result<std::string> print(ir::Expr e);
    const std::vector<std::string>& statements() const { return m_statements; }
    const std::set<std::string>& helpers() const { return m_helpers; }

private:
    struct Binding {
        const ir::Node* var;
        std::string name;
    };
    std::string expr(ir::Expr e, int prec);
    std::string constant(ir::Expr e);
    std::string leaf(ir::Expr e);
    std::string read(ir::Expr e);
    std::string unaryMath(ir::Op op, const std::string& arg);
    std::string binary(ir::Expr e, int prec);
    std::string cast(ir::Expr e);
    std::string reduction(ir::Expr e);
    std::string named(ir::Expr e);
    std::string fresh(const std::string& base);
    std::string call(const std::string& fn, const std::vector<std::string>& args);
    std::string helper(const std::string& name); // marks a helper function as used
    std::string fail(const std::string& why);    // records the first reason the formula has no Python form
    std::string boundKey(ir::Expr e) const;

    PyLib m_lib;
    PyScope m_scope;
    std::set<std::string>& m_used;
    std::vector<Binding> m_bound; // reduction variables in scope, innermost last
    std::map<std::string, std::string> m_memo; // hoisted reductions by node and bindings
    std::vector<std::string> m_statements;
    std::set<std::string> m_helpers;
    std::string m_error;
};

// Deepest nesting of reductions in e (0 when it has none).
int reductionDepth(ir::Expr e);
// The library's spelling of a dtype ("np.float32", "torch.bfloat16"); NumPy has no bf16 / fp8:
// those compute in float32.
std::string pyDType(PyLib lib, ir::DType t);
// A Python identifier for an IR name ("x_ptr" stays, "acc@L1" -> "acc_L1", "lambda" -> "lambda_").
std::string pyIdentifier(const std::string& name);
// The source of the helper functions named (and the ones they call), in a fixed order.
std::string helperSource(PyLib lib, const std::set<std::string>& names);

} // namespace tlift::report::detail
