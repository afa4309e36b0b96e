#include "tlift/frontend/python/value.h"

#include "tlift/util/strings.h"

namespace tlift::frontend::py {

Value Value::boolean(bool b) {
    Value v;
    v.m_kind = Kind::Bool;
    v.m_bool = b;
    return v;
}

Value Value::integer(std::int64_t i) {
    Value v;
    v.m_kind = Kind::Int;
    v.m_int = i;
    return v;
}

Value Value::real(double d) {
    Value v;
    v.m_kind = Kind::Float;
    v.m_float = d;
    return v;
}

Value Value::string(std::string s) {
    Value v;
    v.m_kind = Kind::String;
    v.m_string = std::move(s);
    return v;
}

Value Value::tuple(std::vector<Value> elements) {
    Value v;
    v.m_kind = Kind::Tuple;
    v.m_elements = std::move(elements);
    return v;
}

Value Value::list(std::vector<Value> elements) {
    Value v;
    v.m_kind = Kind::List;
    v.m_elements = std::move(elements);
    return v;
}

Value Value::dict(std::vector<Value> keys, std::vector<Value> values) {
    Value v;
    v.m_kind = Kind::Dict;
    v.m_elements = std::move(keys);
    v.m_values = std::move(values);
    return v;
}

double Value::asFloat() const {
    if (m_kind == Kind::Float) return m_float;
    return static_cast<double>(asInt());
}

const Value* Value::get(std::string_view key) const {
    if (m_kind != Kind::Dict) return nullptr;
    for (std::size_t i = 0; i < m_elements.size(); ++i)
        if (m_elements[i].isString() && m_elements[i].m_string == key) return &m_values[i];
    return nullptr;
}

bool Value::truthy() const {
    switch (m_kind) {
    case Kind::None: return false;
    case Kind::Bool: return m_bool;
    case Kind::Int: return m_int != 0;
    case Kind::Float: return m_float != 0;
    case Kind::String: return !m_string.empty();
    case Kind::Tuple:
    case Kind::List:
    case Kind::Dict: return !m_elements.empty();
    }
    return false;
}

namespace {

std::string quote(const std::string& s) {
    bool single = s.find('\'') != std::string::npos && s.find('"') == std::string::npos;
    char q = single ? '"' : '\'';
    std::string out(1, q);
    for (char c : s) {
        if (c == '\\') out += "\\\\";
        else if (c == q) out += std::string("\\") + q;
        else if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else out += c;
    }
    out += q;
    return out;
}

std::string floatRepr(double d) {
    std::string s = util::formatDouble(d);
    if (s.find_first_of(".eninf") == std::string::npos) s += ".0";
    return s;
}

} // namespace

std::string Value::repr() const {
    switch (m_kind) {
    case Kind::None: return "None";
    case Kind::Bool: return m_bool ? "True" : "False";
    case Kind::Int: return std::to_string(m_int);
    case Kind::Float: return floatRepr(m_float);
    case Kind::String: return quote(m_string);
    case Kind::Tuple:
    case Kind::List: {
        bool tuple = m_kind == Kind::Tuple;
        std::string out = tuple ? "(" : "[";
        for (std::size_t i = 0; i < m_elements.size(); ++i) {
            if (i) out += ", ";
            out += m_elements[i].repr();
        }
        if (tuple && m_elements.size() == 1) out += ",";
        return out + (tuple ? ")" : "]");
    }
    case Kind::Dict: {
        std::string out = "{";
        for (std::size_t i = 0; i < m_elements.size(); ++i) {
            if (i) out += ", ";
            out += m_elements[i].repr() + ": " + m_values[i].repr();
        }
        return out + "}";
    }
    }
    return "?";
}

bool Value::operator==(const Value& o) const {
    if (isNumber() && o.isNumber()) {
        if (m_kind == Kind::Float || o.m_kind == Kind::Float) return asFloat() == o.asFloat();
        return asInt() == o.asInt();
    }
    if (m_kind != o.m_kind) return false;
    switch (m_kind) {
    case Kind::None: return true;
    case Kind::String: return m_string == o.m_string;
    case Kind::Tuple:
    case Kind::List: return m_elements == o.m_elements;
    case Kind::Dict: {
        // Order does not matter for dicts.
        if (m_elements.size() != o.m_elements.size()) return false;
        for (std::size_t i = 0; i < m_elements.size(); ++i) {
            std::size_t j = 0;
            while (j < o.m_elements.size() && !(o.m_elements[j] == m_elements[i])) ++j;
            if (j == o.m_elements.size() || !(o.m_values[j] == m_values[i])) return false;
        }
        return true;
    }
    default: return false;
    }
}

} // namespace tlift::frontend::py
