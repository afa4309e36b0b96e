#include "tlift/frontend/ttir/ttir_module.h"

namespace tlift::frontend::ttir {

const char* typeKindName(TtirTypeKind k) {
    switch (k) {
    case TtirTypeKind::None:
        return "none";
    case TtirTypeKind::Int:
        return "int";
    case TtirTypeKind::Bool:
        return "bool";
    case TtirTypeKind::Float:
        return "float";
    case TtirTypeKind::Index:
        return "index";
    case TtirTypeKind::Tensor:
        return "tensor";
    case TtirTypeKind::Pointer:
        return "pointer";
    case TtirTypeKind::TensorOfPointers:
        return "tensor-of-pointers";
    case TtirTypeKind::TensorDesc:
        return "tensor-desc";
    case TtirTypeKind::Other:
        return "other";
    }
    return "?";
}

bool TtirType::isScalar() const {
    return kind == TtirTypeKind::Int || kind == TtirTypeKind::Bool || kind == TtirTypeKind::Float ||
           kind == TtirTypeKind::Index || kind == TtirTypeKind::Pointer;
}

bool TtirType::isTensorLike() const {
    return kind == TtirTypeKind::Tensor || kind == TtirTypeKind::TensorOfPointers;
}

std::int64_t TtirType::numElements() const {
    std::int64_t n = 1;
    for (std::int64_t d : shape)
        n *= d;
    return n;
}

TtirAttr TtirAttr::makeInt(std::int64_t v, unsigned bits) {
    TtirAttr a;
    a.kind = Kind::Int;
    a.i = v;
    a.bitwidth = bits;
    return a;
}

TtirAttr TtirAttr::makeFloat(double v, unsigned bits) {
    TtirAttr a;
    a.kind = Kind::Float;
    a.f = v;
    a.bitwidth = bits;
    return a;
}

TtirAttr TtirAttr::makeBool(bool v) {
    TtirAttr a;
    a.kind = Kind::Bool;
    a.b = v;
    a.bitwidth = 1;
    return a;
}

TtirAttr TtirAttr::makeString(std::string v) {
    TtirAttr a;
    a.kind = Kind::String;
    a.text = std::move(v);
    return a;
}

TtirAttr TtirAttr::makeEnum(std::string keyword) {
    TtirAttr a;
    a.kind = Kind::Enum;
    a.text = std::move(keyword);
    return a;
}

const TtirAttr* TtirAttr::denseAt(std::size_t index) const {
    if (kind != Kind::Dense || elems.empty()) return nullptr;
    if (splat) return &elems.front();
    return index < elems.size() ? &elems[index] : nullptr;
}

const TtirAttr* findAttr(const std::vector<TtirNamedAttr>& attrs, std::string_view name) {
    for (const TtirNamedAttr& a : attrs)
        if (a.name == name) return &a.value;
    return nullptr;
}

const TtirAttr* TtirOp::attr(std::string_view attrName) const {
    return findAttr(attrs, attrName);
}

std::optional<ValueId> TtirOp::operand(std::string_view role) const {
    for (std::size_t i = 0; i < operands.size() && i < operandRoles.size(); ++i)
        if (operandRoles[i] == role) return operands[i];
    return std::nullopt;
}

std::vector<ValueId> TtirOp::operandGroup(std::string_view role) const {
    std::vector<ValueId> out;
    for (std::size_t i = 0; i < operands.size() && i < operandRoles.size(); ++i)
        if (operandRoles[i] == role) out.push_back(operands[i]);
    return out;
}

const TtirAttr* TtirArg::attr(std::string_view attrName) const {
    return findAttr(attrs, attrName);
}

const TtirFunction* TtirModule::function(std::string_view name) const {
    for (const TtirFunction& f : functions)
        if (f.name == name) return &f;
    return nullptr;
}

const TtirFunction* TtirModule::kernel() const {
    for (const TtirFunction& f : functions)
        if (f.visibility == "public" && !f.isDeclaration()) return &f;
    return nullptr;
}

const TtirAttr* TtirModule::attr(std::string_view attrName) const {
    return findAttr(attrs, attrName);
}

} // namespace tlift::frontend::ttir
