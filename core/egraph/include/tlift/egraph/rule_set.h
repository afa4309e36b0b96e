#pragma once
// A set of rules, read from rule files (docs/egraph.md, "Rule files"):
//
//   # a comment
//   name: (lhs pattern) => (rhs pattern)
//   name: (lhs) => (rhs) if (condition ?x ...), (condition ...)
//   name: (lhs) <=> (rhs)            both directions: `name` and `name-rev`
//       continued lines start with whitespace
//
// The family of a rule is the file's name without `.rules`. The files of resources/rules/ are
// embedded in the binary at build time (builtin()), so the installed CLI needs no data files.

#include "tlift/egraph/dynamic_rules.h"
#include "tlift/egraph/rule.h"

#include <map>

namespace tlift::egraph {

class RuleSet {
public:
    // Parses rule-file text; `fileName` is used in messages ("file:line:col: ...").
    static util::Result<RuleSet> parse(std::string_view text, const std::string& fileName, const std::string& family);
    static util::Result<RuleSet> loadFile(const std::string& path);
    // Every embedded rule file plus the builtin dynamic rules. Parsed once; an error in an
    // embedded file is a build defect and throws EGraphError (a unit test parses them all).
    static const RuleSet& builtin();
    static util::Result<RuleSet> parseBuiltin();
    // The names and texts of the embedded rule files.
    static std::vector<std::pair<std::string, std::string>> embeddedFiles();

    // Adds the rules of another set; fails on a duplicate name.
    util::Result<bool> append(const RuleSet& other);
    void addDynamic(std::shared_ptr<const DynamicRule> r) { m_dynamic.push_back(std::move(r)); }

    const std::vector<Rule>& rules() const { return m_rules; }
    const std::vector<std::shared_ptr<const DynamicRule>>& dynamicRules() const { return m_dynamic; }
    const Rule* find(std::string_view name) const;
    std::size_t size() const { return m_rules.size() + m_dynamic.size(); }
    // Rule counts by family (dynamic rules under their own family).
    std::map<std::string, std::size_t> countByFamily() const;
    // The rules of some families (and the dynamic rules of those families).
    RuleSet only(const std::vector<std::string>& families) const;
    // Without the named rules.
    RuleSet without(const std::vector<std::string>& names) const;

private:
    std::vector<Rule> m_rules;
    std::vector<std::shared_ptr<const DynamicRule>> m_dynamic;
};

} // namespace tlift::egraph
