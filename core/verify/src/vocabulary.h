#pragma once
// The declarations of one Z3 context: a constant per variable and symbol, a function per
// tensor (its indices to its element), per math function, per uninterpreted IR function and per
// undefined value. Shared by every query of a check so that lemmas proved in one sub-query
// speak about the same symbols as the main query; the reverse maps feed model extraction.

#include "tlift/ir/expr.h"

#include <z3++.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace tlift::verify::smt {

class Vocabulary {
public:
    explicit Vocabulary(z3::context& z);

    z3::context& z3ctx() { return m_z; }
    z3::sort sortOf(ir::DType t);

    z3::expr varConst(ir::Expr var);
    z3::expr symConst(ir::Expr sym);
    z3::func_decl tensorFn(ir::Expr tensor);
    z3::func_decl mathFn(ir::Op op); // Real -> Real (Pow: Real x Real -> Real)
    z3::func_decl intFn(ir::Op op);  // bitwise operators and integer pow: Int x Int -> Int
    z3::func_decl applyFn(ir::Expr applyNode);
    z3::expr undefConst(ir::Expr undefNode);
    // ln 2, as a constant bounded by rationals (the bounds are asserted with every query).
    z3::expr ln2();
    z3::expr ln2Bounds();
    // A name not yet used in this context, for functions and constants created on the fly.
    std::string freshName(const std::string& base);

    struct TensorDecl {
        ir::Expr tensor;
        z3::func_decl fn;
    };
    struct ApplyDecl {
        ir::Expr node; // one Apply node with this name and signature
        z3::func_decl fn;
    };
    const std::map<const ir::Node*, z3::expr>& vars() const { return m_vars; }
    const std::map<std::string, std::pair<ir::Expr, z3::expr>>& syms() const { return m_syms; }
    const std::map<std::string, TensorDecl>& tensors() const { return m_tensors; }
    const std::map<std::string, ApplyDecl>& applies() const { return m_applies; }

private:
    std::string uniqueName(const std::string& base);
    z3::context& m_z;
    std::set<std::string> m_used;
    std::map<const ir::Node*, z3::expr> m_vars;
    std::map<std::string, std::pair<ir::Expr, z3::expr>> m_syms; // by name
    std::map<std::string, TensorDecl> m_tensors;                  // by name
    std::map<int, z3::func_decl> m_math;
    std::map<std::string, ApplyDecl> m_applies;
    std::map<std::pair<std::int64_t, int>, z3::expr> m_undefs;
    std::vector<z3::expr> m_ln2;
};

} // namespace tlift::verify::smt
