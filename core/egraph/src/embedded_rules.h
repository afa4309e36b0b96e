#pragma once
// The rule files of resources/rules/, embedded at build time by embed_rules.cmake.

#include <cstddef>

namespace tlift::egraph::detail {

struct EmbeddedRuleFile {
    const char* name;
    const char* text;
};

extern const EmbeddedRuleFile kEmbeddedRuleFiles[];
extern const std::size_t kEmbeddedRuleFileCount;

} // namespace tlift::egraph::detail
