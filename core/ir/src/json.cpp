#include "tlift/ir/json.h"

#include "tlift/ir/named_ops.h"

#include <cmath>
#include <limits>
#include <unordered_map>

namespace tlift::ir {

namespace {

using nlohmann::json;

class Writer {
public:
    json nodes = json::array();

    std::size_t emit(Expr e) {
        auto it = m_index.find(e.node());
        if (it != m_index.end()) return it->second;
        std::vector<std::size_t> kids, dims;
        for (const Expr& k : e.children()) kids.push_back(emit(k));
        for (const Expr& d : e.shape()) dims.push_back(emit(d));
        json n;
        n["op"] = std::string(opName(e.op()));
        n["dtype"] = std::string(dtypeName(e.dtype()));
        switch (e.op()) {
        case Op::Const:
            switch (e.constKind()) {
            case ConstKind::Bool: n["kind"] = "bool"; n["value"] = e.boolValue(); break;
            case ConstKind::Int: n["kind"] = "int"; n["value"] = e.intValue(); break;
            case ConstKind::Rational:
                n["kind"] = "rational";
                n["num"] = e.rationalValue().num;
                n["den"] = e.rationalValue().den;
                break;
            case ConstKind::Float: {
                n["kind"] = "float";
                double v = e.floatValue();
                if (std::isnan(v)) n["value"] = "nan";
                else if (std::isinf(v)) n["value"] = v > 0 ? "inf" : "-inf";
                else n["value"] = v;
                break;
            }
            }
            break;
        case Op::Sym:
        case Op::Var:
        case Op::Tensor:
        case Op::Apply: n["name"] = std::string(e.name()); break;
        case Op::Undef: n["undef"] = e.undefId(); break;
        case Op::Reduce: n["kind"] = std::string(reduceKindName(e.reduceKind())); break;
        case Op::Named: n["name"] = e.namedInfo().name; break;
        default: break;
        }
        if (!kids.empty()) n["args"] = kids;
        if (e.op() == Op::Tensor || (!dims.empty() && e.op() != Op::Tensor)) n["shape"] = dims;
        std::size_t id = nodes.size();
        nodes.push_back(std::move(n));
        m_index[e.node()] = id;
        return id;
    }

private:
    std::unordered_map<const Node*, std::size_t> m_index;
};

util::Result<Expr> fail(const std::string& m) { return util::Result<Expr>::failure("json", m); }

util::Result<Expr> readNode(Context& ctx, const json& n, const std::vector<Expr>& done) {
    if (!n.is_object() || !n.contains("op") || !n.contains("dtype")) return fail("node needs 'op' and 'dtype'");
    auto op = opByName(n["op"].get<std::string>());
    if (!op) return fail("unknown op '" + n["op"].get<std::string>() + "'");
    auto t = parseDType(n["dtype"].get<std::string>());
    if (!t) return fail("unknown dtype '" + n["dtype"].get<std::string>() + "'");
    auto ref = [&](const json& v, Expr& out) -> bool {
        if (!v.is_number_unsigned() || v.get<std::size_t>() >= done.size()) return false;
        out = done[v.get<std::size_t>()];
        return true;
    };
    std::vector<Expr> kids, dims;
    for (const char* key : {"args", "shape"}) {
        if (!n.contains(key)) continue;
        auto& dst = std::string(key) == "args" ? kids : dims;
        for (const json& v : n[key]) {
            Expr e;
            if (!ref(v, e)) return fail("reference to a node not yet defined");
            dst.push_back(e);
        }
    }
    auto str = [&](const char* key) { return n.contains(key) ? n[key].get<std::string>() : std::string(); };
    try {
        switch (*op) {
        case Op::Const: {
            std::string kind = str("kind");
            if (kind == "bool") return ctx.boolConst(n["value"].get<bool>());
            if (kind == "int") return ctx.intConst(n["value"].get<std::int64_t>(), *t);
            if (kind == "rational") return ctx.rationalConst(Rational::make(n["num"].get<std::int64_t>(), n["den"].get<std::int64_t>()), *t);
            if (kind == "float") {
                const json& v = n["value"];
                double d = 0;
                if (v.is_string()) {
                    std::string s = v.get<std::string>();
                    d = s == "nan" ? std::numeric_limits<double>::quiet_NaN()
                        : s == "inf" ? std::numeric_limits<double>::infinity()
                        : -std::numeric_limits<double>::infinity();
                } else {
                    d = v.get<double>();
                }
                return ctx.floatConst(d, *t);
            }
            return fail("unknown constant kind '" + kind + "'");
        }
        case Op::Sym: return ctx.sym(str("name"), *t);
        case Op::Var: return ctx.var(str("name"), *t);
        case Op::Tensor: return ctx.tensor(str("name"), *t, dims);
        case Op::Undef: return ctx.undef(n["undef"].get<std::int64_t>(), *t);
        case Op::Reduce: {
            auto k = reduceKindByName(str("kind"));
            if (!k) return fail("unknown reduction kind");
            return ctx.make(NodeSpec{Op::Reduce, kids, *t, static_cast<std::uint8_t>(*k)});
        }
        default: return ctx.make(NodeSpec{*op, kids, *t, 0, str("name")});
        }
    } catch (const std::exception& e) {
        return fail(e.what());
    }
}

} // namespace

json toJson(std::span<const Expr> roots) {
    Writer w;
    json r = json::array();
    for (const Expr& e : roots) r.push_back(w.emit(e));
    return json{{"nodes", std::move(w.nodes)}, {"roots", std::move(r)}};
}

json toJson(Expr e) {
    Writer w;
    std::size_t root = w.emit(e);
    return json{{"nodes", std::move(w.nodes)}, {"root", root}};
}

util::Result<std::vector<Expr>> fromJsonMany(Context& ctx, const json& j) {
    using R = util::Result<std::vector<Expr>>;
    if (!j.is_object() || !j.contains("nodes") || !j["nodes"].is_array()) return R::failure("json", "expected {\"nodes\": [...]}");
    std::vector<Expr> done;
    for (const json& n : j["nodes"]) {
        auto e = readNode(ctx, n, done);
        if (!e) return std::move(e).takeError();
        done.push_back(*e);
    }
    std::vector<Expr> roots;
    const json rootsJ = j.contains("roots") ? j["roots"] : (j.contains("root") ? json::array({j["root"]}) : json());
    if (!rootsJ.is_array()) return R::failure("json", "expected 'root' or 'roots'");
    for (const json& r : rootsJ) {
        if (!r.is_number_unsigned() || r.get<std::size_t>() >= done.size()) return R::failure("json", "bad root index");
        roots.push_back(done[r.get<std::size_t>()]);
    }
    return roots;
}

util::Result<Expr> fromJson(Context& ctx, const json& j) {
    auto r = fromJsonMany(ctx, j);
    if (!r) return std::move(r).takeError();
    if (r->size() != 1) return fail("expected one root");
    return r->front();
}

} // namespace tlift::ir
