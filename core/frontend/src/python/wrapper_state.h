#pragma once
// The abstract state of a wrapper function being read up to a kernel launch: symbolic terms
// (Python values computed from sizes), size and stride symbols (with union-find, so that
// `x.shape == y.shape` merges them and the first wrapper variable that names a size wins),
// shape classes (tensors that share a shape: `out = torch.empty_like(x)`) and tensors (layout,
// dtype, origin). Internal to the Python frontend; launch_facts.cpp turns it into LaunchFacts.

#include "tlift/frontend/python/ast.h"
#include "tlift/frontend/python/value.h"
#include "tlift/util/source.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tlift::frontend::py::detail {

using TermId = std::uint32_t;
using SymbolId = std::uint32_t;
inline constexpr std::uint32_t kNone = ~std::uint32_t(0);

enum class SymbolKind : std::uint8_t {
    Dim,        // a dimension of a shape class
    Numel,      // the element count of a shape class whose rank is not known
    Stride,     // a stride of a tensor whose layout is not known
    IntParam,   // an int parameter of the wrapper
    FloatParam, // a float parameter of the wrapper
    OtherParam, // a bool / str / untyped scalar parameter of the wrapper
};

struct Symbol {
    std::string name; // final for named symbols and strides; provisional ones get theirs in finalize()
    SymbolKind kind = SymbolKind::Dim;
    bool named = false; // named by a wrapper variable or a parameter (the first name wins)
    std::uint64_t order = 0;
    SymbolId parent = 0;
    TermId definition = kNone; // the symbol stands for this term (`cos_d1` after `cos.shape == (T, D // 2)`)
    // A size the wrapper computes in a way the IR text has no form for (next_power_of_2, ceil):
    // written as its name, evaluated through its definition.
    bool derived = false;
    int tensor = -1;           // the tensor it was made for (its name names provisional symbols)
    int dim = 0;               // Dim / Stride: the index as written (negative before the rank is known)
};

enum class TermOp : std::uint8_t { Const, Sym, Binary, Unary, Compare, BoolOp, IfExp, Call, Meta, Numel, StrideOf, Unknown };

// Calls a term may hold: what the wrappers compute sizes, blocks and grids with.
enum class TermFn : std::uint8_t { Cdiv, NextPow2, Min, Max, Abs, Int, Float, Ceil, Floor, Sqrt, Log2, Log, Exp, Len };

struct Term {
    TermOp op = TermOp::Unknown;
    Value value;             // Const
    SymbolId sym = kNone;    // Sym
    std::uint8_t code = 0;   // BinOpKind / UnaryOpKind / CmpOpKind / BoolOpKind / TermFn
    std::string text;        // Meta: the key; Unknown: why
    std::vector<TermId> args;
    int shape = -1;          // Numel: the shape class
    int tensor = -1, dim = 0; // StrideOf: x.stride(dim), its value in args[0]
};

struct ShapeClass {
    int parent = 0;
    std::optional<int> rank;
    std::vector<TermId> dims;      // once the rank is known (kNone: not asked yet)
    std::map<int, TermId> pending; // dims asked before the rank is known, by the index as written
    SymbolId numel = kNone;        // the element count while the rank is not known
    int owner = -1;                // the tensor provisional dim names come from
    bool flat = false;             // rank never stated: the kernel's flat view was taken
    bool noFlat = false;           // the rank is stated (differently on different paths, or by a
                                   // value the analysis does not know): no flat view
    std::string why;               // why the rank is not known, when it is not
};

struct TensorRec {
    std::string name;
    bool named = false;  // bound to a wrapper variable (provisional names are t0, t1, ...)
    int shape = 0;
    bool contiguous = false;
    bool lastStrideOne = false;         // x.stride(-1) == 1 known (also before the rank is)
    std::vector<TermId> strides;        // once the rank is known (kNone: not asked yet)
    std::map<int, TermId> pendingStrides;
    std::optional<std::string> dtype;   // "float32"
    int dtypeLike = -1;                 // copies this tensor's dtype
    std::string origin;                 // "parameter", "torch.empty_like(x)", ...
    util::SourceSpan span;
    bool parameter = false;
    bool optional = false;              // a parameter whose default is None
    bool flat = false;
    bool assumedContiguous = false;     // flat view of a tensor nobody said was contiguous
};

struct Assumption {
    TermId term = kNone;
    util::SourceSpan span;
};

// The part of the state that is a plain value: copied when evaluateWithSizes needs a scratch
// copy, and by branches that are read speculatively.
struct WrapperState {
    std::vector<Term> terms;
    std::vector<Symbol> symbols;
    std::vector<ShapeClass> shapes;
    std::vector<TensorRec> tensors;
    std::vector<Assumption> assumptions;
    std::vector<std::string> notes;
    std::map<std::string, int> paramTensor;        // parameters that are tensors
    std::map<std::string, SymbolId> paramSymbols;  // parameters that are scalars
    std::map<SymbolId, TermId> symTerms;    // one Sym term per symbol
    std::map<TermId, std::string> termNames; // the first wrapper variable bound to each term
    std::set<std::string> reserved;         // the wrapper's variables (fresh names avoid them)
    std::set<std::string> taken;            // names given to symbols and tensors
    std::uint64_t clock = 0;
    std::size_t work = 0; // expressions read: bounded, so that no wrapper can stall the analysis
    bool finalized = false;

    // --- terms (wrapper_terms.cpp)
    TermId add(Term t);
    TermId constant(Value v);
    TermId unknown(std::string why);
    TermId symTerm(SymbolId s);
    TermId binary(BinOpKind op, TermId a, TermId b);
    TermId unary(UnaryOpKind op, TermId a);
    TermId compare(CmpOpKind op, TermId a, TermId b);
    TermId boolOp(BoolOpKind op, std::vector<TermId> args);
    TermId ifExp(TermId test, TermId a, TermId b);
    TermId call(TermFn fn, std::vector<TermId> args);
    TermId meta(std::string key);
    TermId numelOf(int shape);
    TermId strideOf(int tensor, int dim, TermId value);
    const Term& term(TermId t) const { return terms[t]; }
    // The constant value of a term without free symbols.
    std::optional<Value> constValue(TermId t) const;
    // The value for the given sizes (and constexpr / meta names).
    std::optional<Value> evaluate(TermId t, const std::map<std::string, std::int64_t>& sizes) const;
    // Follows StrideOf wrappers and symbol definitions: the term the value is.
    TermId strip(TermId t) const;

    // --- symbols
    // A symbol; `name` given means named (parameters) or fixed (strides, made unique).
    SymbolId newSymbol(SymbolKind kind, int tensor, int dim, const std::string& name = {});
    SymbolId find(SymbolId s) const;
    void unionSymbols(SymbolId a, SymbolId b, const util::SourceSpan& span);
    // Names a provisional symbol after a wrapper variable; false when it already has a name.
    bool nameSymbol(SymbolId s, const std::string& name);
    // The symbol a term is, or kNone.
    SymbolId symbolOf(TermId t) const;
    // Makes two integer terms equal: merges symbols, defines provisional ones, or records an
    // assumption `a == b`.
    void unify(TermId a, TermId b, const util::SourceSpan& span);
    bool mentions(TermId t, SymbolId s, int depth = 0) const;
    void assume(TermId t, const util::SourceSpan& span);

    // --- shapes and tensors (wrapper_tensors.cpp)
    int newShape(int owner);
    int findShape(int s) const;
    void setRank(int shape, int rank, const util::SourceSpan& span);
    void mergeShapes(int a, int b, const util::SourceSpan& span);
    std::optional<int> rankOf(int shape) const { return shapes[static_cast<std::size_t>(findShape(shape))].rank; }
    // Dimension `index` (negative counts from the end) of a shape class.
    TermId dim(int shape, int index);
    void setDims(int shape, const std::vector<TermId>& dims, const util::SourceSpan& span);
    int newTensor(std::string origin, const util::SourceSpan& span, int shape = -1);
    TensorRec& tensor(int t) { return tensors[static_cast<std::size_t>(t)]; }
    const TensorRec& tensor(int t) const { return tensors[static_cast<std::size_t>(t)]; }
    TermId stride(int tensor, int index);
    void setStride(int tensor, int index, TermId value, const util::SourceSpan& span);
    void makeContiguous(int tensor);
    // Whether the last stride is known to be 1 (stated before or after the rank was known).
    bool lastStrideIsOne(int tensor);
    // The strides of a contiguous tensor of the given dims.
    std::vector<TermId> contiguousStrides(const std::vector<TermId>& dims);
    // Names a tensor after a wrapper variable (an earlier tensor of that name becomes name_v<k>).
    void nameTensor(int t, const std::string& name);
    std::string freshName(const std::string& base);

    // --- the end (wrapper_tensors.cpp): flat views and final names of provisional symbols
    void finalize();
    std::string symbolName(SymbolId s) const { return symbols[find(s)].name; }
    // The symbol for the element count of a shape class whose rank is not known.
    SymbolId numelSymbol(int shape);
    // x.numel(): the product of the dims, or the count symbol while the rank is not known.
    TermId numel(int shape);
    // Applies what is known once a class has a rank: dims asked by index, strides, contiguity.
    void resolvePending(int shape);
    void note(const util::SourceSpan& span, const std::string& text);
};

// IR text of a term (docs/ir-format.md): `+ - * // %`, comparisons, `&& || !`, `min`, `max`,
// `where`, `cdiv(a, b)` as `(a + b - 1) // b`. Nothing when the term has parts the IR has no
// form for (next_power_of_2, strings, unknown values), unless a constexpr name stands for them.
struct RenderOptions {
    // Terms passed as constexpr arguments, and the names they are written as.
    const std::map<TermId, std::string>* constexprNames = nullptr;
    // Symbols the text uses are added here.
    std::set<SymbolId>* used = nullptr;
    // Terms written as the name of a derived size symbol (sizes with no IR form of their own).
    const std::map<TermId, SymbolId>* derived = nullptr;
};
std::optional<std::string> renderTerm(const WrapperState& st, TermId t, const RenderOptions& opts = {});

// Python text of a term, for notes: `triton.next_power_of_2(n_cols)`.
std::string describeTerm(const WrapperState& st, TermId t);

// The reason of the first unknown value a term is computed from (`the rank of x is not known`).
std::optional<std::string> unknownReason(const WrapperState& st, TermId t);

enum class TermType : std::uint8_t { Unknown, Int, Float, Bool, None, String };
TermType termType(const WrapperState& st, TermId t);

} // namespace tlift::frontend::py::detail
