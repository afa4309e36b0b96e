#include "tlift/egraph/rule_set.h"

#include "embedded_rules.h"
#include "tlift/util/strings.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace tlift::egraph {

namespace {

// One rule's text, possibly joined from continued lines, with the position of each character.
struct LogicalLine {
    std::string text;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pos; // (line, col) of each character
};

std::vector<LogicalLine> logicalLines(std::string_view text) {
    std::vector<LogicalLine> out;
    std::uint32_t lineNo = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        ++lineNo;
        if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
        bool blank = util::trim(line).empty();
        if (!blank) {
            bool continued = !out.empty() && (line[0] == ' ' || line[0] == '\t');
            if (!continued) out.emplace_back();
            LogicalLine& l = out.back();
            if (continued) {
                l.text += ' ';
                l.pos.emplace_back(lineNo, 1);
            }
            for (std::size_t i = 0; i < line.size(); ++i) {
                l.text += line[i];
                l.pos.emplace_back(lineNo, static_cast<std::uint32_t>(i + 1));
            }
        }
        if (end == text.size()) break;
        start = end + 1;
    }
    return out;
}

class RuleParser {
public:
    RuleParser(const LogicalLine& l, const std::string& file, const std::string& family)
        : m_l(l), m_file(file), m_family(family) {}

    util::Result<std::vector<Rule>> run() {
        using R = util::Result<std::vector<Rule>>;
        const std::string& s = m_l.text;
        std::size_t colon = s.find(':');
        std::size_t paren = s.find('(');
        if (colon == std::string::npos || (paren != std::string::npos && paren < colon))
            return R::failure("rules", where(0) + ": expected 'name: (lhs) => (rhs)'");
        std::string name = util::trim(s.substr(0, colon));
        if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
            }))
            return R::failure("rules", where(0) + ": bad rule name '" + name + "'");
        std::size_t arrow = std::string::npos, arrowLen = 0;
        bool both = false;
        int depth = 0;
        for (std::size_t i = colon + 1; i < s.size(); ++i) {
            if (s[i] == '(') ++depth;
            else if (s[i] == ')') --depth;
            else if (depth == 0 && s.compare(i, 3, "<=>") == 0) {
                arrow = i, arrowLen = 3, both = true;
                break;
            } else if (depth == 0 && s.compare(i, 2, "=>") == 0) {
                arrow = i, arrowLen = 2;
                break;
            }
        }
        if (arrow == std::string::npos)
            return R::failure("rules", where(firstChar(Span{colon + 1, s.size()})) + ": expected '=>' or '<=>'");
        std::size_t rhsStart = arrow + arrowLen;
        std::size_t ifPos = findIf(rhsStart);
        std::size_t rhsEnd = ifPos == std::string::npos ? s.size() : ifPos;
        Span lhs{colon + 1, arrow}, rhs{rhsStart, rhsEnd};
        Span conds{ifPos == std::string::npos ? s.size() : ifPos + 2, s.size()};
        std::vector<Rule> out;
        auto fwd = build(name, lhs, rhs, conds);
        if (!fwd) return std::move(fwd).takeError();
        out.push_back(std::move(*fwd));
        if (both) {
            auto rev = build(name + "-rev", rhs, lhs, conds);
            if (!rev) return std::move(rev).takeError();
            out.push_back(std::move(*rev));
        }
        return out;
    }

private:
    struct Span {
        std::size_t b, e;
    };

    std::string where(std::size_t offset) const {
        if (m_l.pos.empty()) return m_file;
        offset = std::min(offset, m_l.pos.size() - 1);
        return m_file + ":" + std::to_string(m_l.pos[offset].first) + ":" + std::to_string(m_l.pos[offset].second);
    }

    std::size_t findIf(std::size_t from) const {
        const std::string& s = m_l.text;
        int depth = 0;
        for (std::size_t i = from; i + 1 < s.size(); ++i) {
            if (s[i] == '(') ++depth;
            else if (s[i] == ')') --depth;
            else if (depth == 0 && s.compare(i, 2, "if") == 0 && (i == 0 || std::isspace(static_cast<unsigned char>(s[i - 1]))) &&
                     (i + 2 == s.size() || std::isspace(static_cast<unsigned char>(s[i + 2])) || s[i + 2] == '('))
                return i;
        }
        return std::string::npos;
    }

    // Offset of the first non-space character of a span.
    std::size_t firstChar(Span sp) const {
        while (sp.b < sp.e && std::isspace(static_cast<unsigned char>(m_l.text[sp.b]))) ++sp.b;
        return sp.b;
    }

    util::Result<Rule> build(const std::string& name, Span lhsSpan, Span rhsSpan, Span condSpan) {
        using R = util::Result<Rule>;
        Rule r;
        r.name = name;
        r.family = m_family;
        r.source = m_file + ":" + std::to_string(m_l.pos.empty() ? 0 : m_l.pos[0].first);
        constexpr int kHiddenBase = 1 << 20;
        int hidden = kHiddenBase;
        std::string lhsText = m_l.text.substr(lhsSpan.b, lhsSpan.e - lhsSpan.b);
        std::string rhsText = m_l.text.substr(rhsSpan.b, rhsSpan.e - rhsSpan.b);
        auto lhs = parsePattern(lhsText, r.vars, &hidden, where(lhsSpan.b));
        if (!lhs) return std::move(lhs).takeError();
        std::size_t lhsVars = r.vars.size();
        auto rhs = parsePattern(rhsText, r.vars, nullptr, where(rhsSpan.b));
        if (!rhs) return std::move(rhs).takeError();
        if (r.vars.size() != lhsVars)
            return R::failure("rules", where(firstChar(rhsSpan)) + ": variable ?" + r.vars[lhsVars] +
                                           " of the right side does not occur on the left side");
        if (lhs->rootNode().kind != PatternNode::Op)
            return R::failure("rules", where(firstChar(lhsSpan)) + ": the left side must be an operator application");
        auto conds = parseConditions(condSpan, r.vars);
        if (!conds) return std::move(conds).takeError();
        if (r.vars.size() != lhsVars)
            return R::failure("rules", where(condSpan.b) + ": variable ?" + r.vars[lhsVars] +
                                           " of a condition does not occur on the left side");
        // Hidden slots come after the variables.
        for (PatternNode& n : lhs->nodes)
            if (n.kind == PatternNode::Lit && n.slot >= kHiddenBase) n.slot = static_cast<int>(lhsVars) + (n.slot - kHiddenBase);
        r.slots = static_cast<int>(lhsVars) + (hidden - kHiddenBase);
        r.lhs = std::move(*lhs);
        r.rhs = std::move(*rhs);
        r.conditions = std::move(*conds);
        for (const Condition& c : r.conditions)
            if (findCondition(c.name)->approximate) r.approximate = true;
        return r;
    }

    util::Result<std::vector<Condition>> parseConditions(Span sp, std::vector<std::string>& vars) {
        using R = util::Result<std::vector<Condition>>;
        std::vector<Condition> out;
        const std::string& s = m_l.text;
        std::size_t i = sp.b;
        auto skip = [&]() {
            while (i < sp.e && (std::isspace(static_cast<unsigned char>(s[i])) || s[i] == ',')) ++i;
        };
        skip();
        while (i < sp.e) {
            if (s[i] != '(') return R::failure("rules", where(i) + ": expected '(' to start a condition");
            std::size_t close = s.find(')', i);
            if (close == std::string::npos || close > sp.e) return R::failure("rules", where(i) + ": unclosed condition");
            std::vector<std::string> toks;
            std::vector<std::size_t> offs;
            for (std::size_t k = i + 1; k < close;) {
                if (std::isspace(static_cast<unsigned char>(s[k]))) {
                    ++k;
                    continue;
                }
                std::size_t b = k;
                while (k < close && !std::isspace(static_cast<unsigned char>(s[k]))) ++k;
                toks.push_back(s.substr(b, k - b));
                offs.push_back(b);
            }
            if (toks.empty()) return R::failure("rules", where(i) + ": empty condition");
            const ConditionInfo* info = findCondition(toks[0]);
            if (!info) return R::failure("rules", where(offs[0]) + ": unknown condition '" + toks[0] + "'");
            if (toks.size() - 1 != info->arity())
                return R::failure("rules", where(offs[0]) + ": '" + toks[0] + "' takes " + std::to_string(info->arity()) +
                                               " arguments");
            Condition c;
            c.name = toks[0];
            for (std::size_t a = 1; a < toks.size(); ++a) {
                ConditionArg arg;
                bool wantLiteral = info->literalArgs[a - 1];
                if (toks[a][0] == '?') {
                    if (wantLiteral) return R::failure("rules", where(offs[a]) + ": expected a number here");
                    std::string v = toks[a].substr(1);
                    auto it = std::find(vars.begin(), vars.end(), v);
                    if (it == vars.end()) {
                        vars.push_back(v);
                        it = vars.end() - 1;
                    }
                    arg.slot = static_cast<int>(it - vars.begin());
                } else {
                    if (!wantLiteral) return R::failure("rules", where(offs[a]) + ": expected a ?variable here");
                    std::vector<std::string> none;
                    auto p = parsePattern(toks[a], none, nullptr, where(offs[a]));
                    if (!p) return std::move(p).takeError();
                    if (p->rootNode().kind != PatternNode::Lit)
                        return R::failure("rules", where(offs[a]) + ": expected a number here");
                    arg.lit = p->rootNode().lit;
                }
                c.args.push_back(arg);
            }
            out.push_back(std::move(c));
            i = close + 1;
            skip();
        }
        return out;
    }

    const LogicalLine& m_l;
    const std::string& m_file;
    const std::string& m_family;
};

} // namespace

util::Result<RuleSet> RuleSet::parse(std::string_view text, const std::string& fileName, const std::string& family) {
    RuleSet set;
    std::set<std::string> names;
    for (const LogicalLine& l : logicalLines(text)) {
        RuleParser p(l, fileName, family);
        auto rules = p.run();
        if (!rules) return std::move(rules).takeError();
        for (Rule& r : *rules) {
            if (!names.insert(r.name).second)
                return util::Result<RuleSet>::failure("rules", r.source + ": duplicate rule name '" + r.name + "'");
            set.m_rules.push_back(std::move(r));
        }
    }
    return set;
}

util::Result<RuleSet> RuleSet::loadFile(const std::string& path) {
    std::string text;
    if (!util::readFile(path, text)) return util::Result<RuleSet>::failure("io", "cannot read rule file '" + path + "'");
    std::string base = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
    std::string family = util::endsWith(base, ".rules") ? base.substr(0, base.size() - 6) : base;
    return parse(text, path, family);
}

std::vector<std::pair<std::string, std::string>> RuleSet::embeddedFiles() {
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t i = 0; i < detail::kEmbeddedRuleFileCount; ++i)
        out.emplace_back(detail::kEmbeddedRuleFiles[i].name, detail::kEmbeddedRuleFiles[i].text);
    return out;
}

util::Result<RuleSet> RuleSet::parseBuiltin() {
    RuleSet all;
    for (const auto& [name, text] : embeddedFiles()) {
        std::string family = util::endsWith(name, ".rules") ? name.substr(0, name.size() - 6) : name;
        auto one = parse(text, "resources/rules/" + name, family);
        if (!one) return one;
        auto ok = all.append(*one);
        if (!ok) return std::move(ok).takeError();
    }
    for (auto& d : builtinDynamicRules()) all.addDynamic(d);
    return all;
}

const RuleSet& RuleSet::builtin() {
    static const RuleSet set = [] {
        auto r = parseBuiltin();
        if (!r) throw EGraphError("embedded rules do not parse: " + r.error().message);
        return std::move(*r);
    }();
    return set;
}

util::Result<bool> RuleSet::append(const RuleSet& other) {
    for (const Rule& r : other.m_rules) {
        if (find(r.name)) return util::Result<bool>::failure("rules", r.source + ": duplicate rule name '" + r.name + "'");
        m_rules.push_back(r);
    }
    for (const auto& d : other.m_dynamic) m_dynamic.push_back(d);
    return true;
}

const Rule* RuleSet::find(std::string_view name) const {
    for (const Rule& r : m_rules)
        if (r.name == name) return &r;
    return nullptr;
}

std::map<std::string, std::size_t> RuleSet::countByFamily() const {
    std::map<std::string, std::size_t> out;
    for (const Rule& r : m_rules) ++out[r.family];
    for (const auto& d : m_dynamic) ++out[d->family()];
    return out;
}

RuleSet RuleSet::only(const std::vector<std::string>& families) const {
    RuleSet out;
    auto in = [&](const std::string& f) { return std::find(families.begin(), families.end(), f) != families.end(); };
    for (const Rule& r : m_rules)
        if (in(r.family)) out.m_rules.push_back(r);
    for (const auto& d : m_dynamic)
        if (in(d->family())) out.m_dynamic.push_back(d);
    return out;
}

RuleSet RuleSet::without(const std::vector<std::string>& names) const {
    RuleSet out;
    auto in = [&](const std::string& n) { return std::find(names.begin(), names.end(), n) != names.end(); };
    for (const Rule& r : m_rules)
        if (!in(r.name)) out.m_rules.push_back(r);
    for (const auto& d : m_dynamic)
        if (!in(d->name())) out.m_dynamic.push_back(d);
    return out;
}

} // namespace tlift::egraph
