// Python's operators on analysis-time values.
#include "tlift/frontend/python/const_evaluator.h"

#include <cmath>
#include <limits>

namespace tlift::frontend::py {

namespace {

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
// Sizes past which a string or list repetition is not worth computing.
constexpr std::size_t kMaxRepeat = 1u << 20;

std::optional<Value> intPow(std::int64_t a, std::int64_t b) {
    if (b < 0) {
        if (a == 0) return std::nullopt;
        return Value::real(std::pow(static_cast<double>(a), static_cast<double>(b)));
    }
    if (a == 0 || a == 1) return Value::integer(b == 0 ? 1 : a);
    if (a == -1) return Value::integer(b % 2 ? -1 : 1);
    std::int64_t r = 1;
    for (std::int64_t i = 0; i < b; ++i) // |a| >= 2, so overflow comes within 64 rounds
        if (__builtin_mul_overflow(r, a, &r)) return std::nullopt;
    return Value::integer(r);
}

std::optional<Value> intBinary(BinOpKind op, std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    switch (op) {
    case BinOpKind::Add: return __builtin_add_overflow(a, b, &r) ? std::nullopt : std::optional(Value::integer(r));
    case BinOpKind::Sub: return __builtin_sub_overflow(a, b, &r) ? std::nullopt : std::optional(Value::integer(r));
    case BinOpKind::Mult: return __builtin_mul_overflow(a, b, &r) ? std::nullopt : std::optional(Value::integer(r));
    case BinOpKind::Div:
        if (b == 0) return std::nullopt;
        return Value::real(static_cast<double>(a) / static_cast<double>(b));
    case BinOpKind::FloorDiv:
    case BinOpKind::Mod: {
        if (b == 0 || (a == kMin && b == -1)) return std::nullopt;
        std::int64_t q = a / b, m = a % b;
        if (m != 0 && ((m < 0) != (b < 0))) {
            --q;
            m += b;
        }
        return Value::integer(op == BinOpKind::FloorDiv ? q : m);
    }
    case BinOpKind::Pow: return intPow(a, b);
    case BinOpKind::LShift:
        if (b < 0) return std::nullopt;
        if (a == 0) return Value::integer(0);
        if (b >= 63 || a > (kMax >> b) || a < (kMin >> b)) return std::nullopt;
        return Value::integer(static_cast<std::int64_t>(static_cast<std::uint64_t>(a) << b));
    case BinOpKind::RShift:
        if (b < 0) return std::nullopt;
        return Value::integer(b >= 64 ? (a < 0 ? -1 : 0) : (a >> b));
    case BinOpKind::BitAnd: return Value::integer(a & b);
    case BinOpKind::BitOr: return Value::integer(a | b);
    case BinOpKind::BitXor: return Value::integer(a ^ b);
    case BinOpKind::MatMult: return std::nullopt;
    }
    return std::nullopt;
}

std::optional<Value> floatBinary(BinOpKind op, double a, double b) {
    switch (op) {
    case BinOpKind::Add: return Value::real(a + b);
    case BinOpKind::Sub: return Value::real(a - b);
    case BinOpKind::Mult: return Value::real(a * b);
    case BinOpKind::Div:
        if (b == 0) return std::nullopt;
        return Value::real(a / b);
    case BinOpKind::FloorDiv:
        if (b == 0) return std::nullopt;
        return Value::real(std::floor(a / b));
    case BinOpKind::Mod: {
        if (b == 0) return std::nullopt;
        double m = std::fmod(a, b);
        if (m != 0 && ((m < 0) != (b < 0))) m += b;
        return Value::real(m);
    }
    case BinOpKind::Pow:
        if (a == 0 && b < 0) return std::nullopt;
        if (a < 0 && std::floor(b) != b) return std::nullopt; // complex in Python
        return Value::real(std::pow(a, b));
    default: return std::nullopt;
    }
}

std::optional<Value> repeat(const Value& seq, std::int64_t n) {
    if (n <= 0) return seq.isString() ? Value::string("") : seq.kind() == Value::Kind::Tuple ? Value::tuple({}) : Value::list({});
    if (seq.isString()) {
        if (seq.asString().size() * static_cast<std::size_t>(n) > kMaxRepeat) return std::nullopt;
        std::string s;
        for (std::int64_t i = 0; i < n; ++i) s += seq.asString();
        return Value::string(std::move(s));
    }
    if (seq.elements().size() * static_cast<std::size_t>(n) > kMaxRepeat) return std::nullopt;
    std::vector<Value> out;
    for (std::int64_t i = 0; i < n; ++i) out.insert(out.end(), seq.elements().begin(), seq.elements().end());
    return seq.kind() == Value::Kind::Tuple ? Value::tuple(std::move(out)) : Value::list(std::move(out));
}

} // namespace

std::optional<Value> applyBinary(BinOpKind op, const Value& a, const Value& b) {
    if (a.isNumber() && b.isNumber()) {
        if (a.isFloat() || b.isFloat()) return floatBinary(op, a.asFloat(), b.asFloat());
        std::optional<Value> r = intBinary(op, a.asInt(), b.asInt());
        bool bitwise = op == BinOpKind::BitAnd || op == BinOpKind::BitOr || op == BinOpKind::BitXor;
        if (r && bitwise && a.isBool() && b.isBool()) return Value::boolean(r->asInt() != 0);
        return r;
    }
    bool aSeq = a.isString() || a.isSequence(), bSeq = b.isString() || b.isSequence();
    if (op == BinOpKind::Add && aSeq && a.kind() == b.kind()) {
        if (a.isString()) return Value::string(a.asString() + b.asString());
        std::vector<Value> out = a.elements();
        out.insert(out.end(), b.elements().begin(), b.elements().end());
        return a.kind() == Value::Kind::Tuple ? Value::tuple(std::move(out)) : Value::list(std::move(out));
    }
    if (op == BinOpKind::Mult && aSeq && (b.isInt() || b.isBool())) return repeat(a, b.asInt());
    if (op == BinOpKind::Mult && bSeq && (a.isInt() || a.isBool())) return repeat(b, a.asInt());
    return std::nullopt;
}

std::optional<Value> applyUnary(UnaryOpKind op, const Value& a) {
    if (op == UnaryOpKind::Not) return Value::boolean(!a.truthy());
    if (!a.isNumber()) return std::nullopt;
    switch (op) {
    case UnaryOpKind::USub:
        if (a.isFloat()) return Value::real(-a.asFloat());
        if (a.asInt() == kMin) return std::nullopt;
        return Value::integer(-a.asInt());
    case UnaryOpKind::UAdd: return a.isFloat() ? a : Value::integer(a.asInt());
    case UnaryOpKind::Invert:
        if (a.isFloat()) return std::nullopt;
        return Value::integer(~a.asInt());
    default: return std::nullopt;
    }
}

namespace {

// <0, 0, >0, or nothing when Python would not order the two.
std::optional<int> order(const Value& a, const Value& b) {
    if (a.isNumber() && b.isNumber()) {
        if (a.isFloat() || b.isFloat()) {
            double x = a.asFloat(), y = b.asFloat();
            if (std::isnan(x) || std::isnan(y)) return std::nullopt;
            return x < y ? -1 : x > y ? 1 : 0;
        }
        return a.asInt() < b.asInt() ? -1 : a.asInt() > b.asInt() ? 1 : 0;
    }
    if (a.isString() && b.isString()) return a.asString().compare(b.asString()) < 0 ? -1 : a.asString() == b.asString() ? 0 : 1;
    if (a.isSequence() && a.kind() == b.kind()) {
        const auto &x = a.elements(), &y = b.elements();
        for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
            if (x[i] == y[i]) continue;
            return order(x[i], y[i]);
        }
        return x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
    }
    return std::nullopt;
}

std::optional<bool> contains(const Value& container, const Value& item) {
    if (container.isString()) {
        if (!item.isString()) return std::nullopt;
        return container.asString().find(item.asString()) != std::string::npos;
    }
    if (container.isSequence() || container.isDict()) {
        for (const Value& e : container.elements())
            if (e == item) return true;
        return false;
    }
    return std::nullopt;
}

} // namespace

std::optional<bool> applyCompare(CmpOpKind op, const Value& a, const Value& b) {
    switch (op) {
    case CmpOpKind::Eq: return a == b;
    case CmpOpKind::NotEq: return !(a == b);
    case CmpOpKind::In: return contains(b, a);
    case CmpOpKind::NotIn: {
        std::optional<bool> c = contains(b, a);
        if (!c) return std::nullopt;
        return !*c;
    }
    case CmpOpKind::Is:
    case CmpOpKind::IsNot: {
        // Identity is only decidable for the singletons.
        bool singletons = (a.isNone() || a.isBool()) && (b.isNone() || b.isBool());
        if (!singletons) return std::nullopt;
        bool same = a.kind() == b.kind() && (a.isNone() || a.asBool() == b.asBool());
        return op == CmpOpKind::Is ? same : !same;
    }
    default: break;
    }
    std::optional<int> o = order(a, b);
    if (!o) return std::nullopt;
    switch (op) {
    case CmpOpKind::Lt: return *o < 0;
    case CmpOpKind::LtE: return *o <= 0;
    case CmpOpKind::Gt: return *o > 0;
    case CmpOpKind::GtE: return *o >= 0;
    default: return std::nullopt;
    }
}

} // namespace tlift::frontend::py
