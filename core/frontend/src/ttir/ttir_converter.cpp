#include "ttir_converter.h"

#include "tt_dialect.h"
#include "ttir_dialects.h"

#include <cctype>
#include <llvm/ADT/APFloat.h>
#include <llvm/Support/raw_ostream.h>
#include <mlir/IR/BuiltinAttributes.h>
#include <mlir/IR/BuiltinOps.h>
#include <mlir/IR/BuiltinTypes.h>
#include <regex>
#include <type_traits>

namespace tlift::frontend::ttir {

namespace {

template <class T> std::string printed(T entity) {
    std::string s;
    llvm::raw_string_ostream os(s);
    entity.print(os);
    return s;
}

std::string lower(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string floatDtype(mlir::Type t) {
    if (t.isF16()) return "f16";
    if (t.isBF16()) return "bf16";
    if (t.isF32()) return "f32";
    if (t.isF64()) return "f64";
    if (t.isFloat8E4M3FN()) return "f8e4m3"; // Triton's float8e4nv
    if (t.isFloat8E5M2()) return "f8e5m2";
    if (t.isFloat8E4M3()) return "f8e4m3ocp"; // the OCP type without FN; not Triton's e4m3
    return lower(printed(t));
}

std::string intDtype(mlir::IntegerType t) {
    std::string prefix = t.isSigned() ? "si" : t.isUnsigned() ? "ui" : "i";
    return prefix + std::to_string(t.getWidth());
}

double toDouble(llvm::APFloat v) {
    bool lost = false;
    v.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven, &lost);
    return v.convertToDouble();
}

std::int64_t toInt(const llvm::APInt& v, mlir::Type t) {
    if (v.getBitWidth() > 64) return v.trunc(64).getSExtValue();
    if (t.isUnsignedInteger()) return static_cast<std::int64_t>(v.getZExtValue());
    return v.getSExtValue();
}

// Inherent attributes that only repeat the op's shape, and the function op's own attributes
// (they become fields of TtirFunction).
bool isStructural(llvm::StringRef name) {
    return name == "operandSegmentSizes" || name == "resultSegmentSizes";
}
bool isFunctionField(llvm::StringRef name) {
    return name == "sym_name" || name == "function_type" || name == "sym_visibility" ||
           name == "arg_attrs" || name == "res_attrs";
}

// array<i32: 1, 0> and its siblings: an Array of Int, Bool or Float elements.
template <class T> TtirAttr arrayOf(llvm::ArrayRef<T> values, unsigned bits) {
    TtirAttr a;
    a.kind = TtirAttr::Kind::Array;
    for (T v : values) {
        if constexpr (std::is_same_v<T, bool>)
            a.elems.push_back(TtirAttr::makeBool(v));
        else if constexpr (std::is_floating_point_v<T>)
            a.elems.push_back(TtirAttr::makeFloat(v, bits));
        else
            a.elems.push_back(TtirAttr::makeInt(v, bits));
    }
    return a;
}

TtirAttr convertDenseArray(mlir::Attribute attr) {
    if (auto d = mlir::dyn_cast<mlir::DenseBoolArrayAttr>(attr)) return arrayOf(d.asArrayRef(), 1);
    if (auto d = mlir::dyn_cast<mlir::DenseI8ArrayAttr>(attr)) return arrayOf(d.asArrayRef(), 8);
    if (auto d = mlir::dyn_cast<mlir::DenseI16ArrayAttr>(attr)) return arrayOf(d.asArrayRef(), 16);
    if (auto d = mlir::dyn_cast<mlir::DenseI32ArrayAttr>(attr)) return arrayOf(d.asArrayRef(), 32);
    if (auto d = mlir::dyn_cast<mlir::DenseI64ArrayAttr>(attr)) return arrayOf(d.asArrayRef(), 64);
    if (auto d = mlir::dyn_cast<mlir::DenseF32ArrayAttr>(attr)) return arrayOf(d.asArrayRef(), 32);
    if (auto d = mlir::dyn_cast<mlir::DenseF64ArrayAttr>(attr)) return arrayOf(d.asArrayRef(), 64);
    TtirAttr a;
    a.kind = TtirAttr::Kind::Other;
    a.text = printed(attr);
    return a;
}

} // namespace

std::optional<util::Diagnostic> TtirConverter::run() {
    mlir::Block& top = m_parser.topLevel();
    mlir::Block* body = &top;
    if (top.getOperations().size() == 1)
        if (auto module = mlir::dyn_cast<mlir::ModuleOp>(top.front())) {
            m_out.attrs = convertAttrs(module, module->getAttrDictionary(), false);
            body = module.getBody();
        }
    // The tables are sized up front: a TtirOp is large, and regrowing vectors of them dominated
    // the conversion of big files.
    std::size_t numOps = 0, numValues = 0;
    body->walk([&](mlir::Operation* op) {
        ++numOps;
        numValues += op->getNumResults();
        for (mlir::Region& r : op->getRegions())
            for (mlir::Block& b : r)
                numValues += b.getNumArguments();
    });
    m_out.ops.reserve(numOps);
    m_out.values.reserve(numValues);
    for (mlir::Operation& op : *body) {
        if (auto fn = mlir::dyn_cast<mlir::FunctionOpInterface>(op)) {
            if (auto e = convertFunction(fn)) return e;
            continue;
        }
        util::SourceSpan at = m_parser.opSpan(&op);
        std::string where = m_out.path;
        if (at.valid()) where += ":" + std::to_string(at.line) + ":" + std::to_string(at.col);
        return util::Diagnostic::error("unsupported",
                                       "unsupported TTIR op '" + op.getName().getStringRef().str() +
                                           "' at " + where + " (outside a function)",
                                       at);
    }
    return std::nullopt;
}

std::optional<util::Diagnostic> TtirConverter::convertFunction(mlir::FunctionOpInterface fn) {
    TtirFunction f;
    f.name = fn.getName().str();
    if (auto vis = fn->getAttrOfType<mlir::StringAttr>("sym_visibility")) f.visibility = vis.str();
    m_kernelFile = m_locations.fileOf(fn.getLoc());
    f.loc = m_locations.resolve(fn.getLoc(), m_kernelFile);
    f.span = m_parser.opSpan(fn);
    f.attrs = convertAttrs(fn, fn->getAttrDictionary(), true);
    for (mlir::Type t : fn.getResultTypes())
        f.resultTypes.push_back(typeId(t));

    mlir::Region& body = fn.getFunctionBody();
    std::vector<ValueId> argIds;
    if (body.empty()) {
        // A declaration: its arguments have no MLIR values, but they still get ids and types.
        for (auto [i, t] : llvm::enumerate(fn.getArgumentTypes())) {
            TtirValue v;
            v.id = static_cast<ValueId>(m_out.values.size());
            v.type = typeId(t);
            v.kind = TtirValueKind::FunctionArgument;
            v.index = static_cast<std::uint32_t>(i);
            argIds.push_back(v.id);
            m_out.values.push_back(std::move(v));
        }
    } else {
        for (mlir::BlockArgument arg : body.front().getArguments())
            argIds.push_back(
                addValue(arg, TtirValueKind::FunctionArgument, kNoId, arg.getArgNumber()));
        numberRegion(body, kNoId);
    }
    for (std::size_t i = 0; i < argIds.size(); ++i) {
        TtirArg a;
        a.value = argIds[i];
        const TtirValue& v = m_out.values[argIds[i]];
        a.name = !v.loc.varName.empty() ? v.loc.varName : v.ssaName;
        if (mlir::DictionaryAttr dict = fn.getArgAttrDict(static_cast<unsigned>(i)))
            a.attrs = convertAttrs(fn, dict, false);
        f.args.push_back(std::move(a));
    }
    convertRegion(body, f.body);
    m_out.functions.push_back(std::move(f));
    return std::nullopt;
}

// Gives ids, in text order, to the block arguments and ops of a region (the entry block's
// arguments of a function body have theirs already).
void TtirConverter::numberRegion(mlir::Region& region, OpId owner) {
    for (mlir::Block& block : region) {
        for (mlir::BlockArgument arg : block.getArguments())
            if (!m_values.count(arg))
                addValue(arg, TtirValueKind::BlockArgument, owner, arg.getArgNumber());
        for (mlir::Operation& op : block)
            numberOp(&op, owner);
    }
}

void TtirConverter::numberOp(mlir::Operation* op, OpId parent) {
    auto id = static_cast<OpId>(m_out.ops.size());
    m_out.ops.emplace_back();
    m_out.ops.back().id = id;
    m_out.ops.back().parent = parent;
    m_ops[op] = id;
    for (mlir::OpResult r : op->getResults())
        addValue(r, TtirValueKind::OpResult, id, r.getResultNumber());
    for (mlir::Region& region : op->getRegions())
        numberRegion(region, id);
}

ValueId TtirConverter::addValue(mlir::Value v, TtirValueKind kind, OpId owner,
                                std::uint32_t index) {
    TtirValue out;
    out.id = static_cast<ValueId>(m_out.values.size());
    out.type = typeId(v.getType());
    out.kind = kind;
    out.owner = owner;
    out.index = index;
    const mlir::AsmParserState& state = m_parser.asmState();
    if (auto r = mlir::dyn_cast<mlir::OpResult>(v)) {
        mlir::Operation* op = r.getOwner();
        out.loc = m_locations.resolve(op->getLoc(), m_kernelFile);
        if (const auto* def = state.getOpDef(op)) {
            // Results are printed in groups: %a:2 names results #0 and #1 as a#0, a#1.
            const auto& groups = def->resultGroups;
            for (std::size_t g = 0; g < groups.size(); ++g) {
                unsigned start = groups[g].startIndex;
                unsigned end =
                    g + 1 < groups.size() ? groups[g + 1].startIndex : op->getNumResults();
                if (index < start || index >= end) continue;
                std::string name(m_parser.text(groups[g].definition.loc));
                if (!name.empty() && name.front() == '%') name.erase(0, 1);
                if (end - start > 1) name += "#" + std::to_string(index - start);
                out.ssaName = name;
            }
        }
    } else if (auto a = mlir::dyn_cast<mlir::BlockArgument>(v)) {
        out.loc = m_locations.resolve(a.getLoc(), m_kernelFile);
        if (const auto* def = state.getBlockDef(a.getOwner()))
            if (a.getArgNumber() < def->arguments.size()) {
                std::string name(m_parser.text(def->arguments[a.getArgNumber()].loc));
                if (!name.empty() && name.front() == '%') name.erase(0, 1);
                out.ssaName = name;
            }
    }
    m_values[v] = out.id;
    m_out.values.push_back(std::move(out));
    return m_out.values.back().id;
}

void TtirConverter::convertRegion(mlir::Region& region, TtirRegion& out) {
    llvm::DenseMap<mlir::Block*, std::uint32_t> blockIndex;
    for (mlir::Block& block : region)
        blockIndex[&block] = static_cast<std::uint32_t>(blockIndex.size());
    for (mlir::Block& block : region) {
        TtirBlock b;
        nameBlock(block, b);
        for (mlir::BlockArgument arg : block.getArguments())
            b.args.push_back(idOf(arg));
        for (mlir::Operation& op : block) {
            convertOp(&op);
            OpId id = m_ops.lookup(&op);
            for (mlir::Block* succ : op.getSuccessors())
                m_out.ops[id].successors.push_back(blockIndex.lookup(succ));
            b.ops.push_back(id);
        }
        out.blocks.push_back(std::move(b));
    }
}

void TtirConverter::convertOp(mlir::Operation* op) {
    OpId id = m_ops.lookup(op);
    // m_out.ops does not grow any more (numberOp sized it), so this reference stays valid.
    TtirOp& o = m_out.ops[id];
    o.name = op->getName().getStringRef().str();
    for (mlir::Value v : op->getOperands())
        o.operands.push_back(idOf(v));
    o.operandRoles = operandRoles(op);
    for (mlir::Value v : op->getResults())
        o.results.push_back(idOf(v));
    o.attrs = convertAttrs(op, op->getAttrDictionary(), false);
    o.span = m_parser.opSpan(op);
    o.loc = m_locations.resolve(op->getLoc(), m_kernelFile);
    // An op the text leaves implicit (a loop's empty scf.yield) stands for its parent's line.
    if (!o.span.valid() && !o.loc.known() && o.parent != kNoId) o.loc = m_out.ops[o.parent].loc;
    o.regions.resize(op->getNumRegions());
    for (unsigned i = 0; i < op->getNumRegions(); ++i)
        convertRegion(op->getRegion(i), o.regions[i]);
}

void TtirConverter::nameBlock(mlir::Block& block, TtirBlock& out) {
    const auto* def = m_parser.asmState().getBlockDef(&block);
    if (!def) return;
    std::string label(m_parser.text(def->definition.loc));
    if (!label.empty() && label.front() == '^') label.erase(0, 1);
    out.label = label;
}

ValueId TtirConverter::idOf(mlir::Value v) const {
    auto it = m_values.find(v);
    return it == m_values.end() ? kNoId : it->second;
}

TypeId TtirConverter::typeId(mlir::Type t) {
    if (auto it = m_types.find(t); it != m_types.end()) return it->second;
    TtirType converted = convertType(t); // may intern a pointee first
    auto id = static_cast<TypeId>(m_out.types.size());
    m_out.types.push_back(std::move(converted));
    m_types[t] = id;
    return id;
}

TtirType TtirConverter::convertType(mlir::Type t) {
    TtirType out;
    out.text = printed(t);
    if (auto i = mlir::dyn_cast<mlir::IntegerType>(t)) {
        out.kind = i.getWidth() == 1 ? TtirTypeKind::Bool : TtirTypeKind::Int;
        out.dtype = intDtype(i);
    } else if (mlir::isa<mlir::IndexType>(t)) {
        out.kind = TtirTypeKind::Index;
        out.dtype = "index";
    } else if (mlir::isa<mlir::FloatType>(t)) {
        out.kind = TtirTypeKind::Float;
        out.dtype = floatDtype(t);
    } else if (auto ptr = mlir::dyn_cast<tt::PointerType>(t)) {
        out.kind = TtirTypeKind::Pointer;
        out.pointee = typeId(ptr.getPointeeType());
        out.dtype = m_out.types[out.pointee].dtype;
        out.addressSpace = ptr.getAddressSpace();
    } else if (auto tensor = mlir::dyn_cast<mlir::RankedTensorType>(t)) {
        out.shape.assign(tensor.getShape().begin(), tensor.getShape().end());
        if (auto elemPtr = mlir::dyn_cast<tt::PointerType>(tensor.getElementType())) {
            out.kind = TtirTypeKind::TensorOfPointers;
            out.pointee = typeId(elemPtr.getPointeeType());
            out.dtype = m_out.types[out.pointee].dtype;
            out.addressSpace = elemPtr.getAddressSpace();
        } else {
            out.kind = TtirTypeKind::Tensor;
            out.dtype = m_out.types[typeId(tensor.getElementType())].dtype;
        }
    } else if (auto desc = mlir::dyn_cast<tt::TensorDescType>(t)) {
        out.kind = TtirTypeKind::TensorDesc;
        mlir::RankedTensorType block = desc.getBlockType();
        out.shape.assign(block.getShape().begin(), block.getShape().end());
        out.dtype = m_out.types[typeId(block.getElementType())].dtype;
    } else if (mlir::isa<mlir::NoneType>(t)) {
        out.kind = TtirTypeKind::None;
    } else {
        out.kind = TtirTypeKind::Other;
    }
    return out;
}

std::vector<TtirNamedAttr> TtirConverter::convertAttrs(mlir::Operation* op,
                                                       mlir::DictionaryAttr dict,
                                                       bool skipFunctionAttrs) {
    std::vector<TtirNamedAttr> out;
    if (!dict) return out;
    for (mlir::NamedAttribute named : dict) {
        llvm::StringRef name = named.getName().strref();
        if (isStructural(name) || (skipFunctionAttrs && isFunctionField(name))) continue;
        TtirNamedAttr a;
        a.name = name.str();
        if (auto keyword = enumKeyword(op, name, named.getValue()))
            a.value = TtirAttr::makeEnum(*keyword);
        else
            a.value = convertAttr(named.getValue());
        out.push_back(std::move(a));
    }
    return out;
}

TtirAttr TtirConverter::convertAttr(mlir::Attribute attr) {
    if (mlir::isa<mlir::UnitAttr>(attr)) return TtirAttr{};
    if (auto b = mlir::dyn_cast<mlir::BoolAttr>(attr)) return TtirAttr::makeBool(b.getValue());
    if (auto i = mlir::dyn_cast<mlir::IntegerAttr>(attr)) {
        mlir::Type t = i.getType();
        unsigned bits = t.isIndex() ? 64 : t.getIntOrFloatBitWidth();
        TtirAttr a = TtirAttr::makeInt(toInt(i.getValue(), t), bits);
        a.type = typeId(t);
        return a;
    }
    if (auto f = mlir::dyn_cast<mlir::FloatAttr>(attr)) {
        TtirAttr a = TtirAttr::makeFloat(f.getValueAsDouble(), f.getType().getIntOrFloatBitWidth());
        a.type = typeId(f.getType());
        return a;
    }
    if (auto s = mlir::dyn_cast<mlir::StringAttr>(attr)) return TtirAttr::makeString(s.str());
    TtirAttr a;
    if (auto t = mlir::dyn_cast<mlir::TypeAttr>(attr)) {
        a.kind = TtirAttr::Kind::Type;
        a.type = typeId(t.getValue());
        return a;
    }
    if (auto sym = mlir::dyn_cast<mlir::FlatSymbolRefAttr>(attr)) {
        a.kind = TtirAttr::Kind::Symbol;
        a.text = sym.getValue().str();
        return a;
    }
    if (auto array = mlir::dyn_cast<mlir::ArrayAttr>(attr)) {
        a.kind = TtirAttr::Kind::Array;
        for (mlir::Attribute e : array)
            a.elems.push_back(convertAttr(e));
        return a;
    }
    if (mlir::isa<mlir::DenseArrayAttr>(attr)) return convertDenseArray(attr);
    if (auto elements = mlir::dyn_cast<mlir::DenseElementsAttr>(attr))
        return convertDense(elements);
    // Dialect attributes such as #arith.fastmath<none> read as their keyword; the rest as text.
    a.text = printed(attr);
    static const std::regex keywordAttr(R"(^#[A-Za-z_][\w$.]*<([\w$., ]*)>$)");
    std::smatch m;
    if (!mlir::isa<mlir::DictionaryAttr>(attr) && std::regex_match(a.text, m, keywordAttr)) {
        a.kind = TtirAttr::Kind::Enum;
        a.text = m[1].str();
    } else {
        a.kind = TtirAttr::Kind::Other;
    }
    return a;
}

TtirAttr TtirConverter::convertDense(mlir::DenseElementsAttr dense) {
    TtirAttr a;
    a.kind = TtirAttr::Kind::Dense;
    a.type = typeId(dense.getType());
    a.splat = dense.isSplat();
    mlir::Type elem = dense.getElementType();
    auto addInt = [&](const llvm::APInt& v) {
        unsigned bits = elem.isIndex() ? 64 : elem.getIntOrFloatBitWidth();
        a.elems.push_back(bits == 1 ? TtirAttr::makeBool(!v.isZero())
                                    : TtirAttr::makeInt(toInt(v, elem), bits));
    };
    auto addFloat = [&](const llvm::APFloat& v) {
        a.elems.push_back(TtirAttr::makeFloat(toDouble(v), elem.getIntOrFloatBitWidth()));
    };
    if (elem.isIntOrIndex()) {
        if (a.splat)
            addInt(dense.getSplatValue<llvm::APInt>());
        else
            for (const llvm::APInt& v : dense.getValues<llvm::APInt>())
                addInt(v);
    } else if (mlir::isa<mlir::FloatType>(elem)) {
        if (a.splat)
            addFloat(dense.getSplatValue<llvm::APFloat>());
        else
            for (const llvm::APFloat& v : dense.getValues<llvm::APFloat>())
                addFloat(v);
    } else {
        a.kind = TtirAttr::Kind::Other;
        a.text = printed(dense);
    }
    return a;
}

} // namespace tlift::frontend::ttir
