#include "tlift/symexec/launch.h"

#include "tlift/ir/parser.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/subst.h"
#include "tlift/util/strings.h"

#include <nlohmann/json.hpp>

#include <set>

namespace tlift::symexec {

using nlohmann::json;

ir::Expr TensorBinding::tensor() const { return node; }

const TensorBinding* LaunchContext::tensorForParam(std::string_view param) const {
    for (const TensorBinding& t : tensors)
        if (t.param == param) return &t;
    return nullptr;
}

const TensorBinding* LaunchContext::tensor(std::string_view name) const {
    for (const TensorBinding& t : tensors)
        if (t.name == name) return &t;
    return nullptr;
}

std::vector<ir::Expr> sizeSymbols(const LaunchContext& lc) {
    std::set<const ir::Node*> seen;
    std::vector<ir::Expr> out;
    auto add = [&](ir::Expr e) {
        if (!e) return;
        for (const ir::Expr& s : ir::leavesOf(e, ir::Op::Sym))
            if (seen.insert(s.node()).second) out.push_back(s);
    };
    for (const TensorBinding& t : lc.tensors)
        for (const ir::Expr& d : t.shape) add(d);
    for (const ir::Expr& g : lc.grid) add(g);
    std::sort(out.begin(), out.end(), [](ir::Expr a, ir::Expr b) { return a.name() < b.name(); });
    return out;
}

namespace {

util::Result<ir::Expr> exprOf(ir::Context& ctx, const json& v, ir::Scope& scope, const std::string& what) {
    if (v.is_number_integer()) return ctx.intConst(v.get<std::int64_t>());
    if (!v.is_string()) return util::Result<ir::Expr>::failure("launch", what + ": expected a number or an expression");
    std::string text = v.get<std::string>();
    scope.implicitVars = false;
    // Undeclared names are size symbols (i32).
    for (int attempt = 0; attempt < 16; ++attempt) {
        auto r = ir::parseExpr(ctx, text, scope);
        if (r) return r;
        const std::string& msg = r.error().message;
        auto p = msg.find("unknown name '");
        if (p == std::string::npos) return util::Result<ir::Expr>::failure("launch", what + ": " + msg);
        std::string name = msg.substr(p + 14, msg.find('\'', p + 14) - p - 14);
        scope.declare(ctx.sym(name, ir::DType::I32));
    }
    return util::Result<ir::Expr>::failure("launch", what + ": too many unknown names in '" + text + "'");
}

frontend::py::Value valueOf(const json& v) {
    if (v.is_boolean()) return frontend::py::Value::boolean(v.get<bool>());
    if (v.is_number_integer()) return frontend::py::Value::integer(v.get<std::int64_t>());
    if (v.is_number()) return frontend::py::Value::real(v.get<double>());
    if (v.is_string()) return frontend::py::Value::string(v.get<std::string>());
    return frontend::py::Value();
}

} // namespace

util::Result<LaunchContext> parseLaunchJson(ir::Context& ctx, const std::string& text, const std::string& origin) {
    using R = util::Result<LaunchContext>;
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        return R::failure("launch", origin + ": not valid JSON: " + e.what());
    }
    if (!j.is_object()) return R::failure("launch", origin + ": expected a JSON object");
    LaunchContext lc;
    ir::Scope scope;
    try {
        lc.kernel = j.value("kernel", "");
        if (j.contains("constexprs")) {
            for (auto& [k, v] : j["constexprs"].items()) {
                lc.constexprs[k] = valueOf(v);
                lc.note(k + " = " + v.dump(), origin);
            }
        }
        if (j.contains("scalars")) {
            for (auto& [k, v] : j["scalars"].items()) {
                if (v.is_object()) {
                    if (v.contains("type")) {
                        auto t = ir::parseDType(v["type"].get<std::string>());
                        if (!t) return R::failure("launch", origin + ": scalar '" + k + "': unknown type");
                        lc.scalarTypes[k] = *t;
                    }
                    if (v.contains("value")) {
                        auto e = exprOf(ctx, v["value"], scope, "scalar '" + k + "'");
                        if (!e) return std::move(e).takeError();
                        lc.scalarValues[k] = *e;
                        lc.note(k + " = " + ir::toText(*e), origin);
                    }
                } else {
                    auto e = exprOf(ctx, v, scope, "scalar '" + k + "'");
                    if (!e) return std::move(e).takeError();
                    lc.scalarValues[k] = *e;
                    lc.note(k + " = " + ir::toText(*e), origin);
                }
            }
        }
        if (j.contains("tensors")) {
            for (auto& [name, v] : j["tensors"].items()) {
                TensorBinding t;
                t.name = name;
                t.param = v.value("param", name);
                if (v.contains("dtype")) {
                    auto d = ir::parseDType(v["dtype"].get<std::string>());
                    if (!d) return R::failure("launch", origin + ": tensor '" + name + "': unknown dtype");
                    t.dtype = *d;
                }
                for (const json& s : v.value("shape", json::array())) {
                    auto e = exprOf(ctx, s, scope, "shape of '" + name + "'");
                    if (!e) return std::move(e).takeError();
                    t.shape.push_back(*e);
                }
                if (v.contains("strides")) {
                    for (const json& s : v["strides"]) {
                        auto e = exprOf(ctx, s, scope, "strides of '" + name + "'");
                        if (!e) return std::move(e).takeError();
                        t.strides.push_back(*e);
                    }
                    if (t.strides.size() != t.shape.size())
                        return R::failure("launch", origin + ": tensor '" + name + "' has " + std::to_string(t.shape.size()) +
                                                        " dims but " + std::to_string(t.strides.size()) + " strides");
                } else {
                    // Contiguous (row-major) by default.
                    t.strides.assign(t.shape.size(), ctx.intConst(1));
                    for (std::size_t d = t.shape.size(); d-- > 1;)
                        t.strides[d - 1] = ctx.mul(t.strides[d], t.shape[d]);
                }
                t.node = ctx.tensor(name, t.dtype, t.shape);
                std::vector<std::string> dims, strides;
                for (auto& e : t.shape) dims.push_back(ir::toText(e));
                for (auto& e : t.strides) strides.push_back(ir::toText(e));
                lc.note(t.param + " points to " + name + ": " + std::string(ir::dtypeName(t.dtype)) + "[" + util::join(dims, ", ") +
                            "] with strides [" + util::join(strides, ", ") + "]",
                        origin);
                lc.tensors.push_back(std::move(t));
            }
        }
        if (j.contains("grid")) {
            for (const json& g : j["grid"]) {
                auto e = exprOf(ctx, g, scope, "grid");
                if (!e) return std::move(e).takeError();
                lc.grid.push_back(*e);
            }
            lc.note("grid = (" + [&] {
                std::vector<std::string> s;
                for (auto& e : lc.grid) s.push_back(ir::toText(e));
                return util::join(s, ", ");
            }() + ")", origin);
        }
        for (const json& a : j.value("assumptions", json::array())) {
            if (!a.is_string()) return R::failure("launch", origin + ": assumptions are expressions in quotes");
            auto e = exprOf(ctx, a, scope, "assumption");
            if (!e) return std::move(e).takeError();
            if (e->dtype() != ir::DType::Bool) return R::failure("launch", origin + ": assumption '" + a.get<std::string>() + "' is not a condition");
            lc.assumptions.push_back(*e);
            lc.note(ir::toText(*e), origin);
        }
    } catch (const json::exception& e) {
        return R::failure("launch", origin + ": " + e.what());
    } catch (const ir::IrError& e) {
        return R::failure("launch", origin + ": " + e.what());
    }
    return lc;
}

util::Result<LaunchContext> readLaunchFile(ir::Context& ctx, const std::string& path) {
    std::string text;
    if (!util::readFile(path, text)) return util::Result<LaunchContext>::failure("launch", "cannot read launch file '" + path + "'");
    return parseLaunchJson(ctx, text, path);
}

std::string writeLaunchJson(const LaunchContext& lc) {
    json j;
    if (!lc.kernel.empty()) j["kernel"] = lc.kernel;
    json c = json::object();
    for (auto& [k, v] : lc.constexprs) {
        if (v.isBool()) c[k] = v.asBool();
        else if (v.isInt()) c[k] = v.asInt();
        else if (v.isFloat()) c[k] = v.asFloat();
        else if (v.isString()) c[k] = v.asString();
        else c[k] = nullptr;
    }
    j["constexprs"] = c;
    json s = json::object();
    for (auto& [k, t] : lc.scalarTypes) s[k]["type"] = std::string(ir::dtypeName(t));
    for (auto& [k, v] : lc.scalarValues) s[k]["value"] = ir::toText(v);
    j["scalars"] = s;
    json ts = json::object();
    for (const TensorBinding& t : lc.tensors) {
        json e;
        e["param"] = t.param;
        e["dtype"] = std::string(ir::dtypeName(t.dtype));
        e["shape"] = json::array();
        for (auto& d : t.shape) e["shape"].push_back(ir::toText(d));
        e["strides"] = json::array();
        for (auto& d : t.strides) e["strides"].push_back(ir::toText(d));
        ts[t.name] = e;
    }
    j["tensors"] = ts;
    j["grid"] = json::array();
    for (auto& g : lc.grid) j["grid"].push_back(g ? json(ir::toText(g)) : json(nullptr));
    j["assumptions"] = json::array();
    for (auto& a : lc.assumptions) j["assumptions"].push_back(ir::toText(a));
    return j.dump(2) + "\n";
}

void mergeLaunch(LaunchContext& base, const LaunchContext& over) {
    if (!over.kernel.empty()) base.kernel = over.kernel;
    for (auto& [k, v] : over.constexprs) base.constexprs[k] = v;
    for (auto& [k, v] : over.scalarTypes) base.scalarTypes[k] = v;
    for (auto& [k, v] : over.scalarValues) base.scalarValues[k] = v;
    for (const TensorBinding& t : over.tensors) {
        bool replaced = false;
        for (TensorBinding& b : base.tensors)
            if (b.param == t.param) {
                b = t;
                replaced = true;
            }
        if (!replaced) base.tensors.push_back(t);
    }
    if (!over.grid.empty()) base.grid = over.grid;
    for (const ir::Expr& a : over.assumptions) base.assumptions.push_back(a);
    base.notes.insert(base.notes.end(), over.notes.begin(), over.notes.end());
}

} // namespace tlift::symexec
