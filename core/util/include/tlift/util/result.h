#pragma once
// Result<T>: a value or the diagnostic that explains why there is none. Errors are data that
// travel to the user; they are never thrown across layers.

#include "tlift/util/diagnostic.h"

#include <cassert>
#include <optional>
#include <utility>
#include <variant>

namespace tlift::util {

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Diagnostic error) : m_v(std::move(error)) {}

    static Result failure(std::string category, std::string message, SourceSpan span = {}) {
        return Result(Diagnostic::error(std::move(category), std::move(message), span));
    }

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { assert(ok()); return std::get<0>(m_v); }
    const T& value() const& { assert(ok()); return std::get<0>(m_v); }
    T&& value() && { assert(ok()); return std::get<0>(std::move(m_v)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Diagnostic& error() const { assert(!ok()); return std::get<1>(m_v); }
    Diagnostic takeError() && { assert(!ok()); return std::get<1>(std::move(m_v)); }

private:
    std::variant<T, Diagnostic> m_v;
};

} // namespace tlift::util
