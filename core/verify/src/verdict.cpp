#include "tlift/verify/verdict.h"

#include "tlift/util/strings.h"

#include <cmath>
#include <functional>

namespace tlift::verify {

std::string_view statusName(Status s) {
    switch (s) {
    case Status::Proved: return "proved";
    case Status::ProvedUpTo: return "proved up to bound";
    case Status::Refuted: return "refuted";
    case Status::Unknown: return "unknown";
    case Status::Timeout: return "timeout";
    case Status::Cancelled: return "cancelled";
    }
    return "?";
}

std::string_view solverResultName(SolverResult r) {
    switch (r) {
    case SolverResult::Sat: return "sat";
    case SolverResult::Unsat: return "unsat";
    case SolverResult::Unknown: return "unknown";
    case SolverResult::Timeout: return "timeout";
    case SolverResult::Cancelled: return "cancelled";
    }
    return "?";
}

namespace {

std::string valueText(double v, const std::string& dtype) {
    if (dtype == "i1") return v != 0 ? "true" : "false";
    return util::formatDouble(v);
}

std::string sideText(const SideValue& s) { return s.undef ? "undefined" : util::formatDouble(s.value); }

std::string tensorText(const TensorSample& t) {
    std::string s = t.name + " = ";
    if (t.shape.empty()) return s + (t.data.empty() ? "?" : valueText(t.data[0], t.dtype));
    // Nested brackets, row-major.
    std::size_t pos = 0;
    std::function<void(std::size_t)> dim = [&](std::size_t d) {
        s += "[";
        for (std::int64_t i = 0; i < t.shape[d]; ++i) {
            if (i) s += ", ";
            if (d + 1 == t.shape.size()) s += pos < t.data.size() ? valueText(t.data[pos++], t.dtype) : "?";
            else dim(d + 1);
        }
        s += "]";
    };
    dim(0);
    return s;
}

} // namespace

std::string describe(const Counterexample& c) {
    std::vector<std::string> parts;
    for (const auto& b : c.syms) parts.push_back(b.name + " = " + valueText(b.value, b.dtype));
    for (const auto& b : c.vars) parts.push_back(b.name + " = " + valueText(b.value, b.dtype));
    std::string s = util::join(parts, ", ");
    for (const TensorSample& t : c.tensors) s += (s.empty() ? "" : "; ") + tensorText(t);
    s += (s.empty() ? "" : "; ") + std::string("lhs = ") + sideText(c.lhs) + ", rhs = " + sideText(c.rhs);
    return s;
}

std::string describe(const Verdict& v) {
    std::string s(statusName(v.status));
    if (v.status == Status::ProvedUpTo) s += " " + std::to_string(v.bound);
    if (v.counterexample) s += "\n  counterexample: " + describe(*v.counterexample);
    if (!v.reason.empty()) s += "\n  " + v.reason;
    for (const std::string& a : v.assumptions) s += "\n  assuming: " + a;
    return s;
}

} // namespace tlift::verify
