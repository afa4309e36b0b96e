#pragma once
// The abstract syntax tree of a Python module, shaped after Python's own `ast` module so that
// its documentation applies. Every node has a kind (switch on it, then `as<T>()` / `cast<T>()`)
// and a span. Nodes own their children; through a const node every child is const, so walkers
// that take `const Module&` cannot change the tree.

#include "tlift/util/source.h"

#include <cassert>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tlift::frontend::py {

// An owning pointer that passes constness on to what it points to.
template <class T>
class Own {
public:
    Own() = default;
    Own(std::nullptr_t) {}
    template <class U>
    Own(std::unique_ptr<U> p) : m_p(std::move(p)) {}

    T* get() { return m_p.get(); }
    const T* get() const { return m_p.get(); }
    T& operator*() { return *m_p; }
    const T& operator*() const { return *m_p; }
    T* operator->() { return m_p.get(); }
    const T* operator->() const { return m_p.get(); }
    explicit operator bool() const { return m_p != nullptr; }
    // Gives up ownership (the parser moves subtrees between nodes).
    std::unique_ptr<T> take() { return std::move(m_p); }

private:
    std::unique_ptr<T> m_p;
};

// Kind-tagged base shared by expressions and statements: `is<T>()`, `as<T>()`, `cast<T>()`.
template <class Kind>
class NodeBase {
public:
    NodeBase(Kind k, util::SourceSpan s) : kind(k), span(s) {}
    virtual ~NodeBase() = default;
    NodeBase(const NodeBase&) = delete;
    NodeBase& operator=(const NodeBase&) = delete;

    template <class T>
    bool is() const { return kind == T::kKind; }
    template <class T>
    const T* as() const { return is<T>() ? static_cast<const T*>(this) : nullptr; }
    template <class T>
    T* as() { return is<T>() ? static_cast<T*>(this) : nullptr; }
    template <class T>
    const T& cast() const { assert(is<T>()); return static_cast<const T&>(*this); }
    template <class T>
    T& cast() { assert(is<T>()); return static_cast<T&>(*this); }

    const Kind kind;
    // Covers the node's own text, without enclosing parentheses (as Python's ast does).
    util::SourceSpan span;
    // Height of the expression tree below (1 for a leaf). The parser keeps it under
    // kMaxExprHeight, so recursive walkers have a bound on their depth.
    std::uint32_t height = 1;
};

inline constexpr std::uint32_t kMaxExprHeight = 200;

// ---------------------------------------------------------------------------------------------
// Operators

enum class BinOpKind : std::uint8_t {
    Add, Sub, Mult, MatMult, Div, FloorDiv, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd,
};
enum class UnaryOpKind : std::uint8_t { Invert, Not, UAdd, USub };
enum class BoolOpKind : std::uint8_t { And, Or };
enum class CmpOpKind : std::uint8_t { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

const char* binOpSymbol(BinOpKind op);     // "+", "//", "@", ...
const char* unaryOpSymbol(UnaryOpKind op); // "-", "+", "~", "not"
const char* boolOpSymbol(BoolOpKind op);   // "and", "or"
const char* cmpOpSymbol(CmpOpKind op);     // "<", "not in", "is not", ...

// ---------------------------------------------------------------------------------------------
// Expressions

enum class ExprKind : std::uint8_t {
    Name, Constant, Attribute, Subscript, Slice, Call, BinOp, UnaryOp, BoolOp, Compare, IfExp,
    Tuple, List, Dict, Set, Lambda, Starred, ListComp, SetComp, DictComp, GeneratorExp,
    JoinedStr, NamedExpr, Await, Yield, YieldFrom,
};
const char* exprKindName(ExprKind k);

using Expr = NodeBase<ExprKind>;
using ExprList = std::vector<Own<Expr>>;

struct Name final : Expr {
    static constexpr ExprKind kKind = ExprKind::Name;
    explicit Name(util::SourceSpan s, std::string i = {}) : Expr(kKind, s), id(std::move(i)) {}
    std::string id;
};

enum class ConstantKind : std::uint8_t { None, Bool, Int, Float, Imaginary, String, Bytes, Ellipsis };

struct Constant final : Expr {
    static constexpr ExprKind kKind = ExprKind::Constant;
    explicit Constant(util::SourceSpan s) : Expr(kKind, s) {}
    ConstantKind valueKind = ConstantKind::None;
    bool boolValue = false;
    std::int64_t intValue = 0;
    // An Int too large for int64: intValue is 0 and `text` holds the literal.
    bool bigInt = false;
    double floatValue = 0; // Float, and the imaginary part of Imaginary
    std::string stringValue; // String (UTF-8) or Bytes, escapes decoded, pieces concatenated
    std::string text;        // numbers: the literal as written
};

struct Attribute final : Expr {
    static constexpr ExprKind kKind = ExprKind::Attribute;
    explicit Attribute(util::SourceSpan s) : Expr(kKind, s) {}
    Own<Expr> value;
    std::string attr;
    util::SourceSpan attrSpan;
};

// value[i], value[i, j], value[a:b, None, ...]. Each index is an expression, a Slice, or a
// Constant None / Ellipsis.
struct Subscript final : Expr {
    static constexpr ExprKind kKind = ExprKind::Subscript;
    explicit Subscript(util::SourceSpan s) : Expr(kKind, s) {}
    Own<Expr> value;
    ExprList indices;
    // Written with a comma (`x[i, j]`, `x[i,]`): the index is a tuple even with one element.
    bool tupleIndex = false;
};

// lower:upper:step inside a subscript; each part may be absent.
struct Slice final : Expr {
    static constexpr ExprKind kKind = ExprKind::Slice;
    explicit Slice(util::SourceSpan s) : Expr(kKind, s) {}
    Own<Expr> lower, upper, step;
};

// name=value, or **value when `name` is empty.
struct Keyword {
    std::string name;
    Own<Expr> value;
    util::SourceSpan span;
    bool isDoubleStar() const { return name.empty(); }
};

struct Call final : Expr {
    static constexpr ExprKind kKind = ExprKind::Call;
    explicit Call(util::SourceSpan s) : Expr(kKind, s) {}
    Own<Expr> func;
    ExprList args; // positional, in order; `*xs` is a Starred
    std::vector<Keyword> keywords;
    // The value of keyword `name`, or nullptr.
    const Expr* keyword(std::string_view name) const;
};

struct BinOp final : Expr {
    static constexpr ExprKind kKind = ExprKind::BinOp;
    explicit BinOp(util::SourceSpan s) : Expr(kKind, s) {}
    BinOpKind op = BinOpKind::Add;
    Own<Expr> left, right;
};

struct UnaryOp final : Expr {
    static constexpr ExprKind kKind = ExprKind::UnaryOp;
    explicit UnaryOp(util::SourceSpan s) : Expr(kKind, s) {}
    UnaryOpKind op = UnaryOpKind::USub;
    Own<Expr> operand;
};

struct BoolOp final : Expr {
    static constexpr ExprKind kKind = ExprKind::BoolOp;
    explicit BoolOp(util::SourceSpan s) : Expr(kKind, s) {}
    BoolOpKind op = BoolOpKind::And;
    ExprList values; // two or more
};

// left ops[0] comparators[0] ops[1] comparators[1] ...  (a < b <= c)
struct Compare final : Expr {
    static constexpr ExprKind kKind = ExprKind::Compare;
    explicit Compare(util::SourceSpan s) : Expr(kKind, s) {}
    Own<Expr> left;
    std::vector<CmpOpKind> ops;
    ExprList comparators;
};

struct IfExp final : Expr {
    static constexpr ExprKind kKind = ExprKind::IfExp;
    explicit IfExp(util::SourceSpan s) : Expr(kKind, s) {}
    Own<Expr> test, body, orelse;
};

struct Tuple final : Expr {
    static constexpr ExprKind kKind = ExprKind::Tuple;
    explicit Tuple(util::SourceSpan s) : Expr(kKind, s) {}
    ExprList elts;
    bool parenthesized = false;
};

struct List final : Expr {
    static constexpr ExprKind kKind = ExprKind::List;
    explicit List(util::SourceSpan s) : Expr(kKind, s) {}
    ExprList elts;
};

struct Set final : Expr {
    static constexpr ExprKind kKind = ExprKind::Set;
    explicit Set(util::SourceSpan s) : Expr(kKind, s) {}
    ExprList elts;
};

// {k: v, **other}: for `**other` the key is null.
struct Dict final : Expr {
    static constexpr ExprKind kKind = ExprKind::Dict;
    explicit Dict(util::SourceSpan s) : Expr(kKind, s) {}
    ExprList keys;
    ExprList values;
};

enum class ParamKind : std::uint8_t { PositionalOnly, Regular, VarArgs, KeywordOnly, VarKeywords };
const char* paramKindName(ParamKind k);

struct Param {
    std::string name;
    ParamKind kind = ParamKind::Regular;
    Own<Expr> annotation;   // may be null
    Own<Expr> defaultValue; // may be null
    util::SourceSpan span;  // the name (with annotation and default)
};

// Parameters in the order written: positional-only, regular, *args, keyword-only, **kwargs.
struct Parameters {
    std::vector<Param> params;
    const Param* find(std::string_view name) const;
};

struct Lambda final : Expr {
    static constexpr ExprKind kKind = ExprKind::Lambda;
    explicit Lambda(util::SourceSpan s) : Expr(kKind, s) {}
    Parameters params;
    Own<Expr> body;
};

struct Starred final : Expr {
    static constexpr ExprKind kKind = ExprKind::Starred;
    explicit Starred(util::SourceSpan s) : Expr(kKind, s) {}
    Own<Expr> value;
};

// `for target in iter if c1 if c2` inside a comprehension.
struct Comprehension {
    Own<Expr> target, iter;
    ExprList ifs;
    bool isAsync = false;
    util::SourceSpan span;
};

struct ListComp final : Expr {
    static constexpr ExprKind kKind = ExprKind::ListComp;
    explicit ListComp(util::SourceSpan s) : Expr(kKind, s) {}
    Own<Expr> elt;
    std::vector<Comprehension> generators;
};

struct SetComp final : Expr {
    static constexpr ExprKind kKind = ExprKind::SetComp;
    explicit SetComp(util::SourceSpan s) : Expr(kKind, s) {}
    Own<Expr> elt;
    std::vector<Comprehension> generators;
};

struct GeneratorExp final : Expr {
    static constexpr ExprKind kKind = ExprKind::GeneratorExp;
    explicit GeneratorExp(util::SourceSpan s) : Expr(kKind, s) {}
    Own<Expr> elt;
    std::vector<Comprehension> generators;
};

struct DictComp final : Expr {
    static constexpr ExprKind kKind = ExprKind::DictComp;
    explicit DictComp(util::SourceSpan s) : Expr(kKind, s) {}
    Own<Expr> key, value;
    std::vector<Comprehension> generators;
};

// An f-string, possibly concatenated with plain strings. The replacement fields are not
// parsed: each piece keeps its text (raw for f-strings, decoded for plain strings).
struct JoinedStr final : Expr {
    static constexpr ExprKind kKind = ExprKind::JoinedStr;
    explicit JoinedStr(util::SourceSpan s) : Expr(kKind, s) {}
    struct Piece {
        bool formatted = false;
        std::string text;
    };
    std::vector<Piece> pieces;
};

// target := value
struct NamedExpr final : Expr {
    static constexpr ExprKind kKind = ExprKind::NamedExpr;
    explicit NamedExpr(util::SourceSpan s) : Expr(kKind, s) {}
    Own<Expr> target, value;
};

struct Await final : Expr {
    static constexpr ExprKind kKind = ExprKind::Await;
    explicit Await(util::SourceSpan s) : Expr(kKind, s) {}
    Own<Expr> value;
};

struct Yield final : Expr {
    static constexpr ExprKind kKind = ExprKind::Yield;
    explicit Yield(util::SourceSpan s) : Expr(kKind, s) {}
    Own<Expr> value; // may be null
};

struct YieldFrom final : Expr {
    static constexpr ExprKind kKind = ExprKind::YieldFrom;
    explicit YieldFrom(util::SourceSpan s) : Expr(kKind, s) {}
    Own<Expr> value;
};

// ---------------------------------------------------------------------------------------------
// Statements

enum class StmtKind : std::uint8_t {
    FunctionDef, ClassDef, Return, Delete, Assign, AugAssign, AnnAssign, For, While, If, With,
    Raise, Try, Assert, Import, ImportFrom, Global, Nonlocal, Expr, Pass, Break, Continue,
};
const char* stmtKindName(StmtKind k);

using Stmt = NodeBase<StmtKind>;
using Body = std::vector<Own<Stmt>>;

// The docstring of a body: its first statement when that is a string constant, else null.
const Constant* docstringOf(const Body& body);

struct FunctionDef final : Stmt {
    static constexpr StmtKind kKind = StmtKind::FunctionDef;
    explicit FunctionDef(util::SourceSpan s) : Stmt(kKind, s) {}
    std::string name;
    util::SourceSpan nameSpan;
    Parameters params;
    ExprList decorators; // top to bottom, as written
    Own<Expr> returns;   // the `-> annotation`, may be null
    Body body;
    bool isAsync = false;
    const Constant* docstring() const { return docstringOf(body); }
};

struct ClassDef final : Stmt {
    static constexpr StmtKind kKind = StmtKind::ClassDef;
    explicit ClassDef(util::SourceSpan s) : Stmt(kKind, s) {}
    std::string name;
    util::SourceSpan nameSpan;
    ExprList bases;
    std::vector<Keyword> keywords; // metaclass=..., **kw
    ExprList decorators;
    Body body;
    const Constant* docstring() const { return docstringOf(body); }
};

struct Return final : Stmt {
    static constexpr StmtKind kKind = StmtKind::Return;
    explicit Return(util::SourceSpan s) : Stmt(kKind, s) {}
    Own<Expr> value; // may be null
};

struct Delete final : Stmt {
    static constexpr StmtKind kKind = StmtKind::Delete;
    explicit Delete(util::SourceSpan s) : Stmt(kKind, s) {}
    ExprList targets;
};

// t1 = t2 = value; each target may be a Tuple / List (unpacking, with Starred) or a single
// Name / Attribute / Subscript.
struct Assign final : Stmt {
    static constexpr StmtKind kKind = StmtKind::Assign;
    explicit Assign(util::SourceSpan s) : Stmt(kKind, s) {}
    ExprList targets;
    Own<Expr> value;
};

struct AugAssign final : Stmt {
    static constexpr StmtKind kKind = StmtKind::AugAssign;
    explicit AugAssign(util::SourceSpan s) : Stmt(kKind, s) {}
    Own<Expr> target;
    BinOpKind op = BinOpKind::Add;
    Own<Expr> value;
};

struct AnnAssign final : Stmt {
    static constexpr StmtKind kKind = StmtKind::AnnAssign;
    explicit AnnAssign(util::SourceSpan s) : Stmt(kKind, s) {}
    Own<Expr> target, annotation;
    Own<Expr> value; // may be null
    bool simple = false; // a bare name, not in parentheses
};

struct For final : Stmt {
    static constexpr StmtKind kKind = StmtKind::For;
    explicit For(util::SourceSpan s) : Stmt(kKind, s) {}
    Own<Expr> target, iter;
    Body body, orelse;
    bool isAsync = false;
};

struct While final : Stmt {
    static constexpr StmtKind kKind = StmtKind::While;
    explicit While(util::SourceSpan s) : Stmt(kKind, s) {}
    Own<Expr> test;
    Body body, orelse;
};

// `elif` is an If in the orelse of the previous one, with isElif set.
struct If final : Stmt {
    static constexpr StmtKind kKind = StmtKind::If;
    explicit If(util::SourceSpan s) : Stmt(kKind, s) {}
    Own<Expr> test;
    Body body, orelse;
    bool isElif = false;
};

struct WithItem {
    Own<Expr> contextExpr;
    Own<Expr> optionalVars; // the `as` target, may be null
};

struct With final : Stmt {
    static constexpr StmtKind kKind = StmtKind::With;
    explicit With(util::SourceSpan s) : Stmt(kKind, s) {}
    std::vector<WithItem> items;
    Body body;
    bool isAsync = false;
};

struct Raise final : Stmt {
    static constexpr StmtKind kKind = StmtKind::Raise;
    explicit Raise(util::SourceSpan s) : Stmt(kKind, s) {}
    Own<Expr> exc, cause; // both may be null
};

struct ExceptHandler {
    Own<Expr> type;   // may be null (bare except)
    std::string name; // `as name`, may be empty
    Body body;
    util::SourceSpan span;
};

struct Try final : Stmt {
    static constexpr StmtKind kKind = StmtKind::Try;
    explicit Try(util::SourceSpan s) : Stmt(kKind, s) {}
    Body body;
    std::vector<ExceptHandler> handlers;
    Body orelse, finalbody;
    bool isStar = false; // except*
};

struct Assert final : Stmt {
    static constexpr StmtKind kKind = StmtKind::Assert;
    explicit Assert(util::SourceSpan s) : Stmt(kKind, s) {}
    Own<Expr> test;
    Own<Expr> msg; // may be null
};

// `a.b.c as d`: name "a.b.c", asname "d" (empty when absent); "*" for `from m import *`.
struct Alias {
    std::string name;
    std::string asname;
    util::SourceSpan span;
};

struct Import final : Stmt {
    static constexpr StmtKind kKind = StmtKind::Import;
    explicit Import(util::SourceSpan s) : Stmt(kKind, s) {}
    std::vector<Alias> names;
};

// from ..pkg.mod import a as b: module "pkg.mod", level 2.
struct ImportFrom final : Stmt {
    static constexpr StmtKind kKind = StmtKind::ImportFrom;
    explicit ImportFrom(util::SourceSpan s) : Stmt(kKind, s) {}
    std::string module; // may be empty (`from . import x`)
    std::vector<Alias> names;
    int level = 0;
};

struct Global final : Stmt {
    static constexpr StmtKind kKind = StmtKind::Global;
    explicit Global(util::SourceSpan s) : Stmt(kKind, s) {}
    std::vector<std::string> names;
};

struct Nonlocal final : Stmt {
    static constexpr StmtKind kKind = StmtKind::Nonlocal;
    explicit Nonlocal(util::SourceSpan s) : Stmt(kKind, s) {}
    std::vector<std::string> names;
};

// An expression used as a statement (a call, a docstring).
struct ExprStmt final : Stmt {
    static constexpr StmtKind kKind = StmtKind::Expr;
    explicit ExprStmt(util::SourceSpan s) : Stmt(kKind, s) {}
    Own<Expr> value;
};

struct Pass final : Stmt {
    static constexpr StmtKind kKind = StmtKind::Pass;
    explicit Pass(util::SourceSpan s) : Stmt(kKind, s) {}
};

struct Break final : Stmt {
    static constexpr StmtKind kKind = StmtKind::Break;
    explicit Break(util::SourceSpan s) : Stmt(kKind, s) {}
};

struct Continue final : Stmt {
    static constexpr StmtKind kKind = StmtKind::Continue;
    explicit Continue(util::SourceSpan s) : Stmt(kKind, s) {}
};

struct Module {
    util::FileId file = util::kNoFile;
    Body body;
    const Constant* docstring() const { return docstringOf(body); }
};

} // namespace tlift::frontend::py
