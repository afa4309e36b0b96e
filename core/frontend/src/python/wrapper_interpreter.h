#pragma once
// Abstract interpretation of a wrapper function (the plain Python function that launches a
// kernel): its statements up to the launch, over abstract values (tensors with symbolic shapes,
// terms over sizes, tuples, dtypes, lambdas). Straight-line code, `if` on what is known or with
// both branches merged, early exits, small helper functions inlined. Internal to the frontend.

#include "tlift/frontend/python/module.h"
#include "wrapper_state.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tlift::frontend::py::detail {

struct AbsVal {
    enum class Kind : std::uint8_t {
        Unknown,  // text: why
        Term,     // an int / float / bool / str / None value, as a term
        Tensor,   // index: the tensor
        Tuple,    // items
        Shape,    // x.shape / x.size(): index is the tensor
        Dtype,    // text: "float32"; or index: the tensor whose dtype it is
        Function, // lambda or def
        Param,    // a wrapper parameter whose type is not known yet (text: its name)
        Choice,   // `a if test else b` with an unknown test: items {a, b}, index: the branch to take
        Meta,     // the argument dict of a grid function
        Device,
    };
    Kind kind = Kind::Unknown;
    TermId term = kNone;
    int index = -1;
    std::vector<AbsVal> items;
    std::string text;
    const Lambda* lambda = nullptr;
    const FunctionDef* def = nullptr;

    static AbsVal unknown(std::string why);
    static AbsVal ofTerm(TermId t);
    static AbsVal ofTensor(int t);
    static AbsVal tuple(std::vector<AbsVal> items);
    bool is(Kind k) const { return kind == k; }
};

using Env = std::map<std::string, AbsVal, std::less<>>;

// Everything evaluateWithSizes needs to read a wrapper expression again at the launch.
struct LaunchSnapshot {
    WrapperState state;
    Env env;
    const Module* module = nullptr;
    const ModuleInfo* info = nullptr;
};

class WrapperInterpreter {
public:
    WrapperInterpreter(WrapperState& st, const Module& m, const ModuleInfo& info, Env& env);

    // Binds the parameters of the function (annotations and defaults give tensors, int and
    // float scalars; the rest become tensors or scalars by their use).
    void bindParameters(const FunctionDef& f);
    // Reads `body` up to the statement `chain[level]` and then into it, down to the statement
    // that holds the launch (`chain.back()`). False when the launch cannot be reached.
    bool runTo(const Body& body, const std::vector<const Stmt*>& chain, std::size_t level);
    AbsVal eval(const Expr& e);
    // Calls a function value (a lambda, a local or module-level def) with the given arguments.
    AbsVal callFunction(const AbsVal& fn, const std::vector<AbsVal>& args,
                        const std::vector<std::pair<std::string, AbsVal>>& keywords = {});
    // The tensor a value is (materializing an untyped parameter); -1 when it is not one.
    int asTensor(const AbsVal& v);
    // The term of a value (an untyped parameter becomes a scalar symbol); kNone when not a scalar.
    TermId asTerm(const AbsVal& v);

private:
    enum class Flow { Normal, Exit };

    Flow exec(const Stmt& s);
    Flow execBody(const Body& body);
    Flow execIf(const If& s);
    bool descend(const Stmt& s, const std::vector<const Stmt*>& chain, std::size_t level);
    void bind(const Expr& target, const AbsVal& v, const util::SourceSpan& span);
    void bindUnpack(const ExprList& targets, const AbsVal& v, const util::SourceSpan& span);
    void havoc(const Body& body, const std::string& why);
    AbsVal lookup(const std::string& name);

    // Expressions (wrapper_interpreter.cpp, wrapper_calls.cpp).
    AbsVal evalAttribute(const Attribute& a);
    AbsVal evalSubscript(const Subscript& s);
    int indexed(const Subscript& s, int src);
    AbsVal evalBinary(const BinOp& b);
    AbsVal elementwise(const BinOp& b, const AbsVal& l, const AbsVal& r);
    AbsVal evalCompare(const Compare& c);
    AbsVal evalComparePair(const AbsVal& a, CmpOpKind op, const AbsVal& b);
    AbsVal evalIfExp(const IfExp& e);
    AbsVal evalSequence(const ExprList& elts);
    AbsVal evalCall(const Call& c);
    AbsVal callQualified(const std::string& q, const Call& c);
    AbsVal callBuiltin(const std::string& name, const Call& c);
    AbsVal callMethod(const AbsVal& recv, const std::string& method, const Call& c);
    AbsVal tensorMethod(int t, const std::string& method, const Call& c);
    AbsVal createTensor(const std::string& fn, const Call& c);
    AbsVal likeTensor(int src, const Call& c, const std::string& fn);
    AbsVal reshape(int src, const std::vector<AbsVal>& args, const Expr& origin);
    AbsVal permute(int src, const std::vector<int>& order, const Expr& origin);
    AbsVal unsqueeze(int src, std::int64_t d, const Expr& origin);
    // A copy (`.contiguous()`, `.to(dtype)`, `.clone()`): torch keeps the layout of a dense
    // tensor, so the copy is contiguous when the source is (or when asked to be).
    AbsVal copyOf(int src, const Expr& origin, bool contiguous, std::optional<std::string> dtype, int dtypeLike);
    std::vector<AbsVal> positional(const Call& c);
    std::optional<std::vector<TermId>> dimsOf(const std::vector<AbsVal>& args);
    std::optional<std::int64_t> intArg(const AbsVal& v);
    AbsVal dtypeValue(const Expr& e);
    // `torch.float32` -> "float32"; nothing for what is not a dtype.
    static std::optional<std::string> dtypeName(const std::string& qualified);
    std::optional<std::string> qualifiedCallee(const Expr& func) const;

    // Facts from tests: asserts, the conditions of branches on the way to the launch
    // (wrapper_facts.cpp).
    void applyTest(const Expr& test, bool truth, const util::SourceSpan& span);
    void applyComparison(const Expr& l, CmpOpKind op, const Expr& r, const util::SourceSpan& span);
    bool applyTensorPredicate(const Expr& l, CmpOpKind op, const Expr& r, const util::SourceSpan& span);
    std::optional<bool> decide(const Expr& test);
    AbsVal merge(const AbsVal& a, const AbsVal& b, TermId test, const util::SourceSpan& span, const std::string& name);
    void changedInPlace(const Expr& target, const util::SourceSpan& span, bool tensorToo = false);
    bool unpackShapePrefix(const Expr& target, const Expr& value);
    // An untyped parameter used where only an int fits (a size, an index) is an int.
    void promoteInt(TermId t);
    bool sameSize(TermId a, TermId b) const;
    AbsVal product(const Expr& seqExpr);
    int mergeTensors(int a, int b, const util::SourceSpan& span);
    // The receiver of `X.method()` (no arguments), or null.
    static const Expr* methodReceiver(const Expr& e, std::string_view method, std::size_t nargs = 0);

    WrapperState& m_st;
    const Module& m_module;
    const ModuleInfo& m_info;
    Env& m_env;
    std::map<std::string, const Param*, std::less<>> m_params;
    bool m_speculative = false; // reading a branch that may not run: facts stay local
    int m_depth = 0;            // inlined calls
    // Inlined helper: its return value, and returns under conditions met before it.
    std::optional<AbsVal> m_return;
    std::vector<std::pair<TermId, AbsVal>> m_conditionalReturns;
    bool m_inHelper = false;
};

// The statements from `body` down to the one that holds `target`, outermost first; empty when
// `target` is not inside `body`.
std::vector<const Stmt*> statementChain(const Body& body, const Expr& target);
bool bodyExits(const Body& body);
bool isMutatingMethod(std::string_view method);
// Tensor methods that change the tensor's shape or strides in place (`x.unsqueeze_(0)`).
bool isReshapingInPlace(std::string_view method);
// The names a body binds (assignments, loop targets, defs, ...), nested functions excluded.
std::vector<std::string> namesBoundIn(const Body& body);

} // namespace tlift::frontend::py::detail
