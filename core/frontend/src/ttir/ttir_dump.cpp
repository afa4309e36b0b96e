#include "tlift/frontend/ttir/ttir_dump.h"

#include "tlift/util/strings.h"

#include <string_view>

namespace tlift::frontend::ttir {

namespace {

// Dense constants longer than this are cut in the dump (the structure keeps them all).
constexpr std::size_t kMaxDenseShown = 16;

std::string quote(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + "\"";
}

std::string formatNumber(const TtirAttr& a) {
    switch (a.kind) {
    case TtirAttr::Kind::Bool:
        return a.b ? "true" : "false";
    case TtirAttr::Kind::Int:
        return std::to_string(a.i);
    case TtirAttr::Kind::Float:
        // Print f32 (and narrower) values as floats so they read as the text did.
        return a.bitwidth <= 32 ? util::formatFloat(static_cast<float>(a.f))
                                : util::formatDouble(a.f);
    default:
        return "?";
    }
}

std::string typeSuffix(const TtirModule& m, TypeId t) {
    return t == kNoId ? std::string() : " : " + formatType(m, t);
}

std::string formatDense(const TtirModule& m, const TtirAttr& a) {
    std::string out = "dense<";
    if (a.splat && !a.elems.empty()) {
        out += formatNumber(a.elems.front());
    } else {
        out += "[";
        for (std::size_t i = 0; i < a.elems.size() && i < kMaxDenseShown; ++i)
            out += (i ? ", " : "") + formatNumber(a.elems[i]);
        if (a.elems.size() > kMaxDenseShown)
            out += ", ... (" + std::to_string(a.elems.size()) + " values)";
        out += "]";
    }
    return out + ">" + typeSuffix(m, a.type);
}

std::string formatAttrList(const TtirModule& m, const std::vector<TtirNamedAttr>& attrs) {
    if (attrs.empty()) return "";
    std::string out = " {";
    for (std::size_t i = 0; i < attrs.size(); ++i) {
        if (i) out += ", ";
        out += attrs[i].name;
        if (attrs[i].value.kind != TtirAttr::Kind::Unit)
            out += " = " + formatAttr(m, attrs[i].value);
    }
    return out + "}";
}

std::string formatFrame(const TtirFrame& f) {
    return f.file + ":" + std::to_string(f.line) + ":" + std::to_string(f.col);
}

std::string formatOperands(const TtirModule& m, const TtirOp& op) {
    std::string out = "(";
    for (std::size_t i = 0; i < op.operands.size(); ++i) {
        if (i) out += ", ";
        if (i < op.operandRoles.size() && !op.operandRoles[i].empty())
            out += op.operandRoles[i] + "=";
        out += formatValue(m, op.operands[i]);
    }
    return out + ")";
}

std::string formatResults(const TtirModule& m, const TtirOp& op) {
    if (op.results.empty()) return "";
    std::string out;
    for (std::size_t i = 0; i < op.results.size(); ++i)
        out += (i ? ", " : "") + formatValue(m, op.results[i]);
    return out + " = ";
}

std::string formatResultTypes(const TtirModule& m, const TtirOp& op) {
    if (op.results.empty()) return "";
    std::string out = " : ";
    for (std::size_t i = 0; i < op.results.size(); ++i)
        out += (i ? ", " : "") + formatType(m, m.value(op.results[i]).type);
    return out;
}

// Blocks are named by their index in the region, as successors refer to them.
std::string blockName(std::size_t index) {
    return "^#" + std::to_string(index);
}

std::string formatPosition(const util::SourceSpan& span) {
    if (!span.valid()) return "";
    return "  @" + std::to_string(span.line) + ":" + std::to_string(span.col);
}

std::string formatLocSuffix(const TtirLoc& loc) {
    if (!loc.known() && loc.varName.empty()) return "";
    return "  loc(" + formatLoc(loc) + ")";
}

void dumpRegion(const TtirModule& m, const TtirRegion& r, const TtirDumpOptions& opts,
                const std::string& indent, std::string& out);

void dumpOpInto(const TtirModule& m, const TtirOp& op, const TtirDumpOptions& opts,
                const std::string& indent, std::string& out) {
    out += indent + formatResults(m, op) + op.name + formatOperands(m, op) +
           formatAttrList(m, op.attrs);
    if (!op.successors.empty()) {
        out += " -> [";
        for (std::size_t i = 0; i < op.successors.size(); ++i)
            out += (i ? ", " : "") + blockName(op.successors[i]);
        out += "]";
    }
    if (opts.types) out += formatResultTypes(m, op);
    if (opts.ttirPositions) out += formatPosition(op.span);
    if (opts.locations) out += formatLocSuffix(op.loc);
    out += "\n";
    for (const TtirRegion& r : op.regions) {
        out += indent + "{\n";
        dumpRegion(m, r, opts, indent + "  ", out);
        out += indent + "}\n";
    }
}

void dumpRegion(const TtirModule& m, const TtirRegion& r, const TtirDumpOptions& opts,
                const std::string& indent, std::string& out) {
    for (std::size_t b = 0; b < r.blocks.size(); ++b) {
        const TtirBlock& block = r.blocks[b];
        out += indent + blockName(b) + "(";
        for (std::size_t i = 0; i < block.args.size(); ++i)
            out += (i ? ", " : "") + formatValue(m, block.args[i]) + ": " +
                   formatType(m, m.value(block.args[i]).type);
        out += "):\n";
        for (OpId id : block.ops)
            dumpOpInto(m, m.op(id), opts, indent + "  ", out);
    }
}

std::string formatSignature(const TtirModule& m, const TtirFunction& f) {
    std::string out = "(";
    for (std::size_t i = 0; i < f.args.size(); ++i) {
        const TtirArg& a = f.args[i];
        if (i) out += ", ";
        out += formatValue(m, a.value) + ": " + formatType(m, m.value(a.value).type);
        out += formatAttrList(m, a.attrs);
        if (!a.name.empty()) out += " \"" + a.name + "\"";
    }
    out += ")";
    if (!f.resultTypes.empty()) {
        out += " -> (";
        for (std::size_t i = 0; i < f.resultTypes.size(); ++i)
            out += (i ? ", " : "") + formatType(m, f.resultTypes[i]);
        out += ")";
    }
    return out;
}

} // namespace

std::string formatType(const TtirModule& m, TypeId id) {
    if (id == kNoId || id >= m.types.size()) return "<no type>";
    return m.types[id].text;
}

std::string formatAttr(const TtirModule& m, const TtirAttr& a) {
    switch (a.kind) {
    case TtirAttr::Kind::Unit:
        return "unit";
    case TtirAttr::Kind::Bool:
        return a.b ? "true" : "false";
    case TtirAttr::Kind::Int:
    case TtirAttr::Kind::Float:
        return formatNumber(a) + typeSuffix(m, a.type);
    case TtirAttr::Kind::String:
        return quote(a.text);
    case TtirAttr::Kind::Enum:
        return a.text;
    case TtirAttr::Kind::Type:
        return formatType(m, a.type);
    case TtirAttr::Kind::Symbol:
        return "@" + a.text;
    case TtirAttr::Kind::Other:
        return a.text;
    case TtirAttr::Kind::Dense:
        return formatDense(m, a);
    case TtirAttr::Kind::Array: {
        std::string out = "[";
        for (std::size_t i = 0; i < a.elems.size(); ++i)
            out += (i ? ", " : "") + formatAttr(m, a.elems[i]);
        return out + "]";
    }
    }
    return "?";
}

std::string formatLoc(const TtirLoc& loc) {
    std::string out = loc.known() ? formatFrame({loc.file, loc.line, loc.col, {}}) : "?";
    if (!loc.varName.empty()) out += " " + quote(loc.varName);
    if (loc.callStack.size() > 1) {
        out += " via [";
        for (std::size_t i = 1; i < loc.callStack.size(); ++i)
            out += (i > 1 ? ", " : "") + formatFrame(loc.callStack[i]);
        out += "]";
    }
    return out;
}

std::string formatValue(const TtirModule& m, ValueId id) {
    if (id == kNoId || id >= m.values.size()) return "%<none>";
    const TtirValue& v = m.values[id];
    return v.ssaName.empty() ? "%#" + std::to_string(id) : "%" + v.ssaName;
}

std::string dumpOp(const TtirModule& m, const TtirOp& op, const TtirDumpOptions& opts) {
    std::string out;
    dumpOpInto(m, op, opts, "", out);
    return out;
}

std::string dumpModule(const TtirModule& m, const TtirDumpOptions& opts) {
    std::string out = "module" + formatAttrList(m, m.attrs) + "\n";
    for (const TtirFunction& f : m.functions) {
        out += "func " + f.visibility + " @" + f.name + formatSignature(m, f) +
               formatAttrList(m, f.attrs);
        if (opts.ttirPositions) out += formatPosition(f.span);
        if (opts.locations) out += formatLocSuffix(f.loc);
        out += "\n";
        dumpRegion(m, f.body, opts, "  ", out);
    }
    return out;
}

} // namespace tlift::frontend::ttir
