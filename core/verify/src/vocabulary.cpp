#include "vocabulary.h"

#include "tlift/ir/dtype.h"
#include "tlift/ir/op.h"

namespace tlift::verify::smt {

Vocabulary::Vocabulary(z3::context& z) : m_z(z) {}

z3::sort Vocabulary::sortOf(ir::DType t) {
    if (t == ir::DType::Bool) return m_z.bool_sort();
    if (ir::isInteger(t)) return m_z.int_sort();
    return m_z.real_sort();
}

std::string Vocabulary::uniqueName(const std::string& base) {
    std::string name = base.empty() ? "v" : base;
    if (m_used.insert(name).second) return name;
    for (int k = 2;; ++k) {
        std::string candidate = name + "!" + std::to_string(k);
        if (m_used.insert(candidate).second) return candidate;
    }
}

std::string Vocabulary::freshName(const std::string& base) { return uniqueName(base); }

z3::expr Vocabulary::varConst(ir::Expr var) {
    auto it = m_vars.find(var.node());
    if (it != m_vars.end()) return it->second;
    z3::expr c = m_z.constant(uniqueName(std::string(var.name())).c_str(), m_z.int_sort());
    m_vars.emplace(var.node(), c);
    return c;
}

z3::expr Vocabulary::symConst(ir::Expr sym) {
    std::string key(sym.name());
    auto it = m_syms.find(key);
    if (it != m_syms.end() && it->second.first.dtype() == sym.dtype()) return it->second.second;
    // A symbol's name identifies it; two symbols of one name and different types get two constants.
    if (it != m_syms.end()) key += "!" + std::string(ir::dtypeName(sym.dtype()));
    auto again = m_syms.find(key);
    if (again != m_syms.end()) return again->second.second;
    z3::expr c = m_z.constant(uniqueName(std::string(sym.name())).c_str(), sortOf(sym.dtype()));
    m_syms.emplace(key, std::make_pair(sym, c));
    return c;
}

z3::func_decl Vocabulary::tensorFn(ir::Expr tensor) {
    std::string key(tensor.name());
    auto it = m_tensors.find(key);
    if (it != m_tensors.end() && it->second.tensor.rank() == tensor.rank() &&
        it->second.tensor.dtype() == tensor.dtype())
        return it->second.fn;
    if (it != m_tensors.end()) {
        key += "!" + std::to_string(tensor.rank()) + std::string(ir::dtypeName(tensor.dtype()));
        if (auto again = m_tensors.find(key); again != m_tensors.end()) return again->second.fn;
    }
    z3::sort_vector dom(m_z);
    for (std::size_t i = 0; i < tensor.rank(); ++i) dom.push_back(m_z.int_sort());
    z3::func_decl fn = m_z.function(uniqueName(std::string(tensor.name())).c_str(), dom, sortOf(tensor.dtype()));
    m_tensors.emplace(key, TensorDecl{tensor, fn});
    return fn;
}

z3::func_decl Vocabulary::mathFn(ir::Op op) {
    int key = static_cast<int>(op);
    auto it = m_math.find(key);
    if (it != m_math.end()) return it->second;
    std::string name(ir::opName(op));
    z3::func_decl fn = op == ir::Op::Pow
                           ? m_z.function(uniqueName(name).c_str(), m_z.real_sort(), m_z.real_sort(), m_z.real_sort())
                           : m_z.function(uniqueName(name).c_str(), m_z.real_sort(), m_z.real_sort());
    m_math.emplace(key, fn);
    return fn;
}

z3::func_decl Vocabulary::intFn(ir::Op op) {
    int key = 1000 + static_cast<int>(op);
    auto it = m_math.find(key);
    if (it != m_math.end()) return it->second;
    std::string name = "int_" + std::string(ir::opName(op));
    z3::func_decl fn = op == ir::Op::BitNot
                           ? m_z.function(uniqueName(name).c_str(), m_z.int_sort(), m_z.int_sort())
                           : m_z.function(uniqueName(name).c_str(), m_z.int_sort(), m_z.int_sort(), m_z.int_sort());
    m_math.emplace(key, fn);
    return fn;
}

z3::func_decl Vocabulary::applyFn(ir::Expr node) {
    std::string key(node.name());
    key += "(";
    for (const ir::Expr& k : node.children()) key += std::string(ir::dtypeName(k.dtype())) + ",";
    key += ")" + std::string(ir::dtypeName(node.dtype()));
    auto it = m_applies.find(key);
    if (it != m_applies.end()) return it->second.fn;
    z3::sort_vector dom(m_z);
    for (const ir::Expr& k : node.children()) dom.push_back(sortOf(k.dtype()));
    z3::func_decl fn = m_z.function(uniqueName(std::string(node.name())).c_str(), dom, sortOf(node.dtype()));
    m_applies.emplace(key, ApplyDecl{node, fn});
    return fn;
}

z3::expr Vocabulary::undefConst(ir::Expr node) {
    auto key = std::make_pair(node.undefId(), static_cast<int>(node.dtype()));
    auto it = m_undefs.find(key);
    if (it != m_undefs.end()) return it->second;
    z3::expr c = m_z.constant(uniqueName("undef" + std::to_string(node.undefId())).c_str(), sortOf(node.dtype()));
    m_undefs.emplace(key, c);
    return c;
}

z3::expr Vocabulary::ln2() {
    if (m_ln2.empty()) m_ln2.push_back(m_z.constant(uniqueName("ln2").c_str(), m_z.real_sort()));
    return m_ln2.front();
}

z3::expr Vocabulary::ln2Bounds() {
    // ln 2 = 0.693147180559945309...
    z3::expr l = ln2();
    return l > m_z.real_val("693147180559945/1000000000000000") && l < m_z.real_val("693147180559946/1000000000000000");
}

} // namespace tlift::verify::smt
