#include "tlift/symexec/spec_print.h"

#include "tlift/ir/json.h"
#include "tlift/ir/printer.h"
#include "tlift/util/strings.h"

#include <filesystem>
#include <sstream>

namespace tlift::symexec {

std::string shortLocation(const util::SourceManager& sm, util::SourceSpan span) {
    if (!span.valid()) return "?";
    std::string path(sm.path(span.file));
    std::string name = std::filesystem::path(path).filename().string();
    return name + ":" + std::to_string(span.line);
}

namespace {

std::string laneRanges(const Spec& spec, const Shape& shape, const std::vector<int>& loops) {
    std::vector<std::string> parts;
    for (std::size_t a = 0; a < spec.pids.size(); ++a)
        parts.push_back("pid" + std::to_string(a) + " in [0, grid" + std::to_string(a) + ")");
    for (int id : loops) {
        const LoopSpec* l = spec.loop(id);
        if (!l || l->isWhile) continue;
        parts.push_back(std::string(l->counter.name()) + " in range(" + ir::toText(l->lo) + ", " + ir::toText(l->hi) +
                        ", " + ir::toText(l->step) + ")");
    }
    for (std::size_t d = 0; d < shape.size(); ++d)
        parts.push_back("l" + std::to_string(d) + " in [0, " + std::to_string(shape[d]) + ")");
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
    return out;
}

std::string valueText(const Spec& spec, const TraceStep& st) {
    if (st.isPointer) return "&" + st.pointerBuffer + "[" + ir::toText(st.value) + "]";
    return ir::toText(st.value);
}

} // namespace

std::string formatTrace(const Spec& spec, const util::SourceManager& sm) {
    std::ostringstream out;
    out << "trace of " << spec.kernel << " (" << shortLocation(sm, spec.kernelSpan) << "):\n";
    for (const TraceStep& st : spec.trace) {
        std::string loc = shortLocation(sm, st.span);
        out << "  #" << st.id << "  " << loc;
        for (std::size_t pad = loc.size(); pad < 16; ++pad) out << ' ';
        std::string lhs = st.kind == StepKind::Store ? "store " + st.target
                          : st.kind == StepKind::Loop ? "loop " + (st.target.empty() ? std::string("(while)") : st.target)
                          : st.target.empty() ? std::string(stepKindName(st.kind)) : st.target;
        out << lhs << " " << shapeText(st.shape);
        if (st.kind == StepKind::Loop) out << "  " << st.description << "\n";
        else out << " = " << valueText(spec, st) << "\n";
    }
    return out.str();
}

std::string formatSpec(const Spec& spec, const util::SourceManager& sm) {
    std::ostringstream out;
    out << "spec of " << spec.kernel << ":\n";
    out << "  buffers:";
    for (const BufferInfo& b : spec.buffers) out << " " << b.name << ": " << ir::dtypeName(b.dtype) << "*";
    out << "\n  scalars:";
    for (const ScalarInfo& s : spec.scalars) out << " " << s.name << ": " << ir::dtypeName(s.symbol.dtype());
    out << "\n  constexprs:";
    for (auto& [n, v] : spec.constexprs) out << " " << n << " = " << util::formatDouble(v);
    out << "\n";
    for (const LoopSpec& l : spec.loops) {
        out << "  loop " << l.label() << " at " << shortLocation(sm, l.span);
        if (l.isWhile) out << ": while " << (l.whileCond ? ir::toText(l.whileCond) : "?");
        else out << ": " << l.counter.name() << " in range(" << ir::toText(l.lo) << ", " << ir::toText(l.hi) << ", " << ir::toText(l.step) << ")";
        if (l.parent >= 0) out << " inside L" << l.parent;
        if (l.guard && !(l.guard.op() == ir::Op::Const && l.guard.boolValue())) out << " when " << ir::toText(l.guard);
        out << "\n";
        for (const CarriedVar& c : l.carried) {
            out << "    " << c.name << " " << shapeText(c.shape) << (c.buffer >= 0 ? " (pointer offset)" : "") << ":\n";
            out << "      init   = " << ir::toText(c.init) << "\n";
            out << "      update = " << (c.update ? ir::toText(c.update) : std::string("<unknown>")) << "\n";
        }
    }
    for (const FoldSpec& f : spec.folds) {
        out << "  fold " << f.id << " at " << shortLocation(sm, f.span) << ": " << (f.scan ? "scan" : "reduce") << " of "
            << shapeText(f.inputShape) << " along axis " << f.axis << " with " << f.fnName << "\n";
        for (std::size_t i = 0; i < f.combine.size(); ++i)
            out << "    " << f.resultFns[i] << ": combine = " << ir::toText(f.combine[i]) << ", input = " << ir::toText(f.inputs[i]) << "\n";
    }
    for (const StoreSpec& st : spec.stores) {
        const BufferInfo& b = spec.buffers[static_cast<std::size_t>(st.buffer)];
        out << "  " << storeKindName(st.kind) << " #" << st.id << " at " << shortLocation(sm, st.span) << ":\n";
        out << "    for all " << laneRanges(spec, st.shape, st.loops) << ":\n";
        out << "      " << ir::toText(st.mask) << "  =>  " << b.name << "[" << ir::toText(st.offset) << "] "
            << (st.kind == StoreKind::Store ? "=" : st.kind == StoreKind::AtomicAdd ? "+=" : "<-") << " "
            << ir::toText(st.value) << "\n";
    }
    if (!spec.diagnostics.empty()) {
        out << "  diagnostics:\n";
        for (const util::Diagnostic& d : spec.diagnostics.items())
            out << "    " << util::formatDiagnostic(d, &sm, false);
    }
    return out.str();
}

nlohmann::json specToJson(const Spec& spec, const util::SourceManager& sm) {
    using nlohmann::json;
    // Every formula of the spec shares one node table.
    std::vector<ir::Expr> roots;
    auto ref = [&](ir::Expr e) -> json {
        if (!e) return nullptr;
        roots.push_back(e);
        return roots.size() - 1;
    };
    auto span = [&](util::SourceSpan s) -> json {
        if (!s.valid()) return nullptr;
        return json{{"file", std::string(sm.path(s.file))}, {"line", s.line}, {"col", s.col},
                    {"end_line", s.endLine}, {"end_col", s.endCol}};
    };
    json j;
    j["kernel"] = spec.kernel;
    j["location"] = span(spec.kernelSpan);
    j["buffers"] = json::array();
    for (const BufferInfo& b : spec.buffers)
        j["buffers"].push_back({{"name", b.name}, {"dtype", std::string(ir::dtypeName(b.dtype))}, {"param", b.paramIndex}});
    j["scalars"] = json::array();
    for (const ScalarInfo& s : spec.scalars)
        j["scalars"].push_back({{"name", s.name}, {"dtype", std::string(ir::dtypeName(s.symbol.dtype()))}, {"param", s.paramIndex}});
    j["constexprs"] = spec.constexprs;
    j["pid_axes"] = spec.pidAxes;
    j["trace"] = json::array();
    for (const TraceStep& st : spec.trace)
        j["trace"].push_back({{"id", st.id}, {"kind", stepKindName(st.kind)}, {"location", span(st.span)},
                              {"target", st.target}, {"description", st.description}, {"shape", st.shape},
                              {"pointer", st.isPointer ? json(st.pointerBuffer) : json(nullptr)},
                              {"value", ref(st.value)}, {"text", st.isPointer ? "&" + st.pointerBuffer + "[" + ir::toText(st.value) + "]" : ir::toText(st.value)},
                              {"loop", st.loop}});
    j["loops"] = json::array();
    for (const LoopSpec& l : spec.loops) {
        json carried = json::array();
        for (const CarriedVar& c : l.carried)
            carried.push_back({{"name", c.name}, {"shape", c.shape}, {"dtype", std::string(ir::dtypeName(c.dtype))},
                               {"pointer", c.buffer >= 0 ? json(spec.buffers[static_cast<std::size_t>(c.buffer)].name) : json(nullptr)},
                               {"init", ref(c.init)}, {"update", ref(c.update)}, {"prev_fn", c.prevFn}, {"final_fn", c.finalFn}});
        j["loops"].push_back({{"id", l.id}, {"label", l.label()}, {"parent", l.parent}, {"while", l.isWhile},
                              {"counter", l.counter ? json(std::string(l.counter.name())) : json(nullptr)},
                              {"lo", ref(l.lo)}, {"hi", ref(l.hi)}, {"step", ref(l.step)}, {"condition", ref(l.whileCond)},
                              {"guard", ref(l.guard)},
                              {"carried", carried}, {"location", span(l.span)}});
    }
    j["folds"] = json::array();
    for (const FoldSpec& f : spec.folds) {
        json comb = json::array(), ins = json::array();
        for (const ir::Expr& c : f.combine) comb.push_back(ref(c));
        for (const ir::Expr& c : f.inputs) ins.push_back(ref(c));
        j["folds"].push_back({{"id", f.id}, {"combine_fn", f.fnName}, {"axis", f.axis}, {"scan", f.scan},
                              {"combine", comb}, {"inputs", ins}, {"results", f.resultFns}, {"location", span(f.span)}});
    }
    j["stores"] = json::array();
    for (const StoreSpec& st : spec.stores)
        j["stores"].push_back({{"id", st.id}, {"kind", storeKindName(st.kind)},
                               {"buffer", spec.buffers[static_cast<std::size_t>(st.buffer)].name}, {"shape", st.shape},
                               {"offset", ref(st.offset)}, {"mask", ref(st.mask)}, {"value", ref(st.value)},
                               {"loops", st.loops}, {"location", span(st.span)},
                               {"text", ir::toText(st.mask) + "  =>  " + spec.buffers[static_cast<std::size_t>(st.buffer)].name + "[" +
                                            ir::toText(st.offset) + "] = " + ir::toText(st.value)}});
    j["loads"] = json::array();
    for (const LoadSite& l : spec.loads)
        j["loads"].push_back({{"id", l.id}, {"buffer", spec.buffers[static_cast<std::size_t>(l.buffer)].name}, {"shape", l.shape},
                              {"offset", ref(l.offset)}, {"mask", ref(l.mask)}, {"has_other", l.hasOther},
                              {"loops", l.loops}, {"location", span(l.span)}});
    j["diagnostics"] = json::array();
    for (const util::Diagnostic& d : spec.diagnostics.items())
        j["diagnostics"].push_back({{"severity", util::severityName(d.severity)}, {"category", d.category},
                                    {"message", d.message}, {"location", span(d.span)}});
    j["formulas"] = ir::toJson(roots);
    return j;
}

} // namespace tlift::symexec
