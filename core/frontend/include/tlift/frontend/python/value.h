#pragma once
// A Python value known at analysis time: what a module constant, a default, an autotune config
// or a launch option evaluates to when it is made of literals.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlift::frontend::py {

class Value {
public:
    enum class Kind : std::uint8_t { None, Bool, Int, Float, String, Tuple, List, Dict };

    Value() = default; // None
    static Value boolean(bool b);
    static Value integer(std::int64_t i);
    static Value real(double d);
    static Value string(std::string s);
    static Value tuple(std::vector<Value> elements);
    static Value list(std::vector<Value> elements);
    static Value dict(std::vector<Value> keys, std::vector<Value> values);

    Kind kind() const { return m_kind; }
    bool isNone() const { return m_kind == Kind::None; }
    bool isBool() const { return m_kind == Kind::Bool; }
    bool isInt() const { return m_kind == Kind::Int; }
    bool isFloat() const { return m_kind == Kind::Float; }
    bool isNumber() const { return isBool() || isInt() || isFloat(); }
    bool isString() const { return m_kind == Kind::String; }
    bool isSequence() const { return m_kind == Kind::Tuple || m_kind == Kind::List; }
    bool isDict() const { return m_kind == Kind::Dict; }

    bool asBool() const { return m_bool; }
    // Bool and Int as an integer (Python's bool is an int).
    std::int64_t asInt() const { return m_kind == Kind::Bool ? (m_bool ? 1 : 0) : m_int; }
    // Any number as a double.
    double asFloat() const;
    const std::string& asString() const { return m_string; }
    // Tuple / List elements, or Dict keys.
    const std::vector<Value>& elements() const { return m_elements; }
    const std::vector<Value>& dictValues() const { return m_values; }
    // The value under a string key of a Dict, or nullptr.
    const Value* get(std::string_view key) const;

    // Python's truth value.
    bool truthy() const;
    // Python's repr: 1, 1.5, 'text', (1, 2), [1], {'a': 1}, True, None.
    std::string repr() const;
    // Python equality (1 == 1.0 == True).
    bool operator==(const Value& o) const;

private:
    Kind m_kind = Kind::None;
    bool m_bool = false;
    std::int64_t m_int = 0;
    double m_float = 0;
    std::string m_string;
    std::vector<Value> m_elements; // sequence elements, or dict keys
    std::vector<Value> m_values;   // dict values
};

} // namespace tlift::frontend::py
