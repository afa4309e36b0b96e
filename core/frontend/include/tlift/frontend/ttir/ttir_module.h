#pragma once
// A TTIR module in a neutral form: what the TTIR reader makes of Triton's MLIR text, with no MLIR
// type in sight. The symbolic executor walks it op by op. Everything is a value type with dense
// integer ids into the module's tables (types, values, ops), so a module copies and moves freely.
// docs/ttir.md documents the op names, the operand order and roles of each op, and how source
// locations are resolved.

#include "tlift/util/diagnostic.h"
#include "tlift/util/source.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlift::frontend::ttir {

using TypeId = std::uint32_t;
using ValueId = std::uint32_t;
using OpId = std::uint32_t;
inline constexpr std::uint32_t kNoId = 0xFFFFFFFFu;

enum class TtirTypeKind {
    None,             // no type (e.g. an unset slot)
    Int,              // i8, i16, i32, i64 (signless)
    Bool,             // i1
    Float,            // f16, bf16, f32, f64, f8e4m3, f8e5m2, ...
    Index,            // MLIR's index
    Tensor,           // ranked tensor of scalars (shape may be empty: a 0-d tensor)
    Pointer,          // !tt.ptr<T>; T may be a tensor (a block pointer)
    TensorOfPointers, // tensor<S x !tt.ptr<T>>
    TensorDesc,       // !tt.tensordesc<tensor<...>>
    Other             // anything else (function types, unranked tensors, ...): see `text`
};
const char* typeKindName(TtirTypeKind k);

struct TtirType {
    TtirTypeKind kind = TtirTypeKind::None;
    // Element dtype as the IR names it: i1 i8 i16 i32 i64 f16 bf16 f32 f64 f8e4m3 f8e5m2 index
    // (other 8-bit floats as MLIR names them, lower-cased). For Pointer and TensorOfPointers it
    // is the dtype of what the pointer points to; for TensorDesc that of the block.
    std::string dtype;
    // Tensor, TensorOfPointers, TensorDesc (the block's shape): the dims; empty otherwise.
    std::vector<std::int64_t> shape;
    // Pointer, TensorOfPointers: the pointee type (scalar, or a tensor for block pointers).
    TypeId pointee = kNoId;
    int addressSpace = 0; // Pointer, TensorOfPointers: 1 = global memory, 3 = shared
    std::string text;     // as MLIR prints it, e.g. "tensor<256x!tt.ptr<f32>>"

    bool isScalar() const;
    bool isTensorLike() const;        // Tensor, TensorOfPointers
    std::int64_t numElements() const; // product of the shape (1 for scalars)
};

// One frame of a source location: a position in a Python file, with the variable name that a
// NameLoc attached to it.
struct TtirFrame {
    std::string file;
    int line = 0;
    int col = 0;
    std::string name;
};

// A resolved source location of the kernel (not of the .ttir text). Empty `file` means unknown.
// See docs/ttir.md for the rules; in short: the frame shown is the outermost frame in the
// kernel's own file; `callStack` lists every frame of an inlined call, outermost first.
struct TtirLoc {
    std::string file;
    int line = 0;
    int col = 0;
    std::string varName;              // the Python variable name (NameLoc), when known
    std::vector<TtirFrame> callStack; // outermost (the kernel's line) first; empty if no call

    bool known() const { return !file.empty() && line > 0; }
};

// An attribute value: a small tagged union. `text` holds the printed form for Enum (the keyword),
// Symbol (the name without @) and Other (MLIR's printed text).
struct TtirAttr {
    enum class Kind { Unit, Bool, Int, Float, String, Enum, Type, Array, Dense, Symbol, Other };
    Kind kind = Kind::Unit;
    bool b = false;
    std::int64_t i = 0;
    unsigned bitwidth = 0; // Int: the integer type's width (64 for index); Float: the float width
    double f = 0.0;
    std::string text;    // String: its value; Enum/Symbol/Other: see above
    TypeId type = kNoId; // Type: the type; Int/Float: the value's type; Dense: the tensor type
    // Array: the elements. Dense: the values (each Bool, Int or Float), one when `splat`.
    std::vector<TtirAttr> elems;
    bool splat = false;

    static TtirAttr makeInt(std::int64_t v, unsigned bits);
    static TtirAttr makeFloat(double v, unsigned bits);
    static TtirAttr makeBool(bool v);
    static TtirAttr makeString(std::string v);
    static TtirAttr makeEnum(std::string keyword);

    bool isInt() const { return kind == Kind::Int; }
    bool isEnum() const { return kind == Kind::Enum; }
    // The element at `index` of a Dense attribute (the splat value for every index when splat).
    const TtirAttr* denseAt(std::size_t index) const;
};

struct TtirNamedAttr {
    std::string name;
    TtirAttr value;
};

enum class TtirValueKind { FunctionArgument, BlockArgument, OpResult };

struct TtirValue {
    ValueId id = kNoId;
    TypeId type = kNoId;
    TtirValueKind kind = TtirValueKind::OpResult;
    // OpResult: the defining op; BlockArgument: the op that owns the block's region;
    // FunctionArgument: kNoId.
    OpId owner = kNoId;
    std::uint32_t index = 0; // result number or argument number
    std::string ssaName;     // the name printed in the .ttir text without '%' ("offs_3"), if any
    TtirLoc loc;             // for arguments: their loc(); for results: their op's
};

struct TtirBlock {
    std::string label; // "bb0" when the text names the block, else empty
    std::vector<ValueId> args;
    std::vector<OpId> ops; // in order; the last one is the terminator (if any)
};

struct TtirRegion {
    std::vector<TtirBlock> blocks;
};

struct TtirOp {
    OpId id = kNoId;
    std::string name; // "arith.addf", "tt.load", "scf.for", ...
    std::vector<ValueId> operands;
    // Parallel to `operands`: the ODS operand group each operand belongs to ("ptr", "mask",
    // "initArgs", ...); empty strings for ops whose groups are not named (docs/ttir.md).
    std::vector<std::string> operandRoles;
    std::vector<ValueId> results;
    std::vector<TtirNamedAttr> attrs; // inherent and discardable, sorted by name
    std::vector<TtirRegion> regions;
    std::vector<std::uint32_t> successors; // branch targets: block indices in the parent region
    OpId parent = kNoId;                   // the op whose region holds this op (kNoId: a function)
    util::SourceSpan span;                 // where the op is written in the .ttir file
    TtirLoc loc;                           // the kernel source it came from

    const TtirAttr* attr(std::string_view attrName) const;
    // The first operand in group `role`, if present (e.g. operand("mask") of tt.load).
    std::optional<ValueId> operand(std::string_view role) const;
    // All operands in group `role`, in order (e.g. operandGroup("initArgs") of scf.for).
    std::vector<ValueId> operandGroup(std::string_view role) const;
};

struct TtirArg {
    ValueId value = kNoId;
    std::string name;                 // from the argument's NameLoc, else its SSA name
    std::vector<TtirNamedAttr> attrs; // e.g. tt.divisibility
    const TtirAttr* attr(std::string_view attrName) const;
};

struct TtirFunction {
    std::string name; // without '@'
    std::string visibility = "public";
    std::vector<TtirArg> args;
    std::vector<TypeId> resultTypes;
    std::vector<TtirNamedAttr> attrs; // e.g. noinline
    TtirRegion body;                  // empty for a declaration
    TtirLoc loc;
    util::SourceSpan span;

    bool isDeclaration() const { return body.blocks.empty(); }
};

// Where the time of one read went (the benchmark prints it; tests never look at it).
struct TtirReadStats {
    double parseMs = 0;
    double verifyMs = 0;
    double convertMs = 0;
};

struct TtirModule {
    util::FileId file = util::kNoFile;
    std::string path;
    std::vector<TtirFunction> functions;
    std::vector<TtirNamedAttr> attrs; // module attributes, e.g. "ttg.num-warps"
    std::vector<TtirType> types;
    std::vector<TtirValue> values;
    std::vector<TtirOp> ops;
    util::Diagnostics warnings; // what the reader noticed but could read past
    TtirReadStats stats;

    const TtirType& type(TypeId id) const { return types.at(id); }
    const TtirValue& value(ValueId id) const { return values.at(id); }
    const TtirType& typeOf(ValueId id) const { return types.at(values.at(id).type); }
    const TtirOp& op(OpId id) const { return ops.at(id); }
    const TtirFunction* function(std::string_view name) const;
    // The kernel: the first public function with a body (Triton's entry point).
    const TtirFunction* kernel() const;
    const TtirAttr* attr(std::string_view attrName) const;
};

// Looks up `name` in a list of named attributes.
const TtirAttr* findAttr(const std::vector<TtirNamedAttr>& attrs, std::string_view name);

} // namespace tlift::frontend::ttir
