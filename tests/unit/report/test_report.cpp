// Reports of corpus kernels: Markdown, LaTeX and JSON against checked-in golden files, and the
// HTML checked to be self-contained. Update the golden files with TLIFT_UPDATE_GOLDEN=1.
#include "tlift/report/report.h"
#include "tlift/synth/lifter.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <unistd.h>
#include <fstream>
#include <regex>
#include <sstream>

using namespace tlift;

namespace {

const std::string kSource = TLIFT_SOURCE_DIR;

synth::LiftResult lift(const std::string& rel) {
    synth::LiftOptions o;
    o.verify = false; // the verdict "tested" is deterministic; a solver timeout is not
    o.seed = 1;
    synth::LiftResult r = synth::liftFile(kSource + "/tests/data/kernels/" + rel, o);
    r.command = "tritonlift report tests/data/kernels/" + rel + " --seed 1 --no-verify";
    return r;
}

// Paths of this checkout become <src>, so that the golden files hold no machine's paths.
std::string portable(std::string s) {
    for (std::size_t at; (at = s.find(kSource)) != std::string::npos;) s.replace(at, kSource.size(), "<src>");
    return s;
}

void checkGolden(const std::string& name, const std::string& actual) {
    std::string path = kSource + "/tests/unit/report/golden/" + name;
    if (const char* u = std::getenv("TLIFT_UPDATE_GOLDEN"); u && std::string(u) == "1") {
        std::ofstream(path, std::ios::binary) << actual;
        WARN("updated " << path);
        return;
    }
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream expected;
    expected << in.rdbuf();
    INFO("golden " << path << " (TLIFT_UPDATE_GOLDEN=1 rewrites it)");
    CHECK(actual == expected.str());
}

report::Report build(const synth::LiftResult& r) {
    report::ReportOptions o;
    o.timings = false;
    o.searchNodes = false;
    o.trace = false;
    return report::buildReport(r, o);
}

} // namespace

TEST_CASE("golden reports of corpus kernels", "[report][golden]") {
    for (const char* k : {"softmax/log_softmax", "norm/rms_norm", "reduce/row_sum"}) {
        DYNAMIC_SECTION(k) {
            synth::LiftResult r = lift(std::string(k) + ".py");
            REQUIRE(r.trace);
            REQUIRE_FALSE(r.outputs.empty());
            report::Report rep = build(r);
            std::string stem = std::regex_replace(std::string(k), std::regex("/"), "_");
            checkGolden(stem + ".md", portable(report::writeMarkdown(rep)));
            checkGolden(stem + ".tex", portable(report::writeLatex(rep)));
            checkGolden(stem + ".json", portable(report::writeJson(rep)));
        }
    }
}

TEST_CASE("a report has the parts the issue lists", "[report]") {
    synth::LiftResult r = lift("softmax/log_softmax.py");
    report::Report rep = build(r);
    REQUIRE(rep.outputs.size() == 1);
    const report::ReportOutput& o = rep.outputs[0];
    CHECK(rep.kernel == "log_softmax_kernel");
    CHECK(rep.source.find("@triton.jit") == 0);
    CHECK(rep.source.find("tl.store") != std::string::npos);
    CHECK_FALSE(rep.launch.empty());
    CHECK(o.status == "tested");
    CHECK(o.verdict == "tested, not proved");
    CHECK_FALSE(o.summaryLatex.empty());
    CHECK(o.simplifiedText == "log_softmax(x, dim=1)");
    REQUIRE_FALSE(o.derivation.empty());
    bool marked = false;
    for (const report::ReportStep& s : o.derivation) {
        CHECK_FALSE(s.rule.empty());
        marked = marked || s.afterLatex.find("\\tlchg{") != std::string::npos;
    }
    CHECK(marked);
    CHECK(rep.json["schema"] == "tritonlift-lift/2");
    CHECK(rep.json["outputs"][0]["tensor"] == "out");
    std::string md = report::writeMarkdown(rep);
    CHECK(md.find("--seed 1") != std::string::npos);
    CHECK(md.find("$$") != std::string::npos);
}

TEST_CASE("the HTML report is one self-contained file", "[report][html]") {
    synth::LiftResult r = lift("softmax/log_softmax.py");
    report::ReportOptions o;
    std::string html = report::writeHtml(report::buildReport(r, o));
    // KaTeX inlined: its script, its style and every font as a data: URI.
    CHECK(html.find("katex") != std::string::npos);
    CHECK(html.find("font-family:KaTeX_Main") != std::string::npos);
    CHECK(html.find("url(data:font/woff2;base64,") != std::string::npos);
    CHECK(html.find("url(fonts/") == std::string::npos);
    CHECK(html.find(".woff)") == std::string::npos);
    // Nothing loaded from elsewhere: no links, no external scripts; the only URLs are the XML
    // namespaces inside KaTeX (identifiers, never fetched).
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("<script src") == std::string::npos);
    std::regex url(R"(https?://[^\s"'<>)]*)");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), url); it != std::sregex_iterator(); ++it) {
        std::string u = it->str();
        INFO(u);
        CHECK((u.rfind("http://www.w3.org/", 0) == 0));
    }
    // Every formula is an element the inlined script typesets, the changed subterms highlighted.
    CHECK(html.find("data-tex=") != std::string::npos);
    CHECK(html.find("\\tlchg") != std::string::npos);
    CHECK(html.find("katex.render(") != std::string::npos);
    CHECK(html.find("</html>") != std::string::npos);
}

TEST_CASE("every formula of the HTML report typesets", "[report][html]") {
    const std::string node = TLIFT_NODE;
    if (node.empty()) {
        WARN("no node: the formulas are not typeset");
        return;
    }
    auto dir = std::filesystem::temp_directory_path() / ("tlift-html-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    for (const char* k : {"softmax/log_softmax", "norm/layer_norm", "reduce/argmax"}) {
        DYNAMIC_SECTION(k) {
            std::string html = report::writeHtml(build(lift(std::string(k) + ".py")));
            std::ofstream(dir / "report.html") << html;
            std::string cmd = "'" + node + "' '" + kSource + "/tests/unit/report/data/typeset.js' '" TLIFT_KATEX_JS "' '" +
                              (dir / "report.html").string() + "' > '" + (dir / "out.txt").string() + "' 2>&1";
            int rc = std::system(cmd.c_str());
            std::ifstream in(dir / "out.txt");
            std::ostringstream out;
            out << in.rdbuf();
            INFO(out.str());
            CHECK(rc == 0);
            CHECK(out.str().rfind("0 ", 0) != 0); // some formulas were found
        }
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}

TEST_CASE("formats by name", "[report]") {
    CHECK(report::formatByName("html") == report::Format::Html);
    CHECK(report::formatByName("md") == report::Format::Markdown);
    CHECK(report::formatByName("tex") == report::Format::Latex);
    CHECK(report::formatByName("json") == report::Format::Json);
    CHECK_FALSE(report::formatByName("pdf"));
}
