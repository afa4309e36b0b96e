#include "ttir_exec_support.h"

#include "tlift/ir/tensor_value.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

namespace tlift::testing {

namespace fs = std::filesystem;

namespace {

frontend::py::Value pyValue(const nlohmann::json& v) {
    if (v.is_boolean()) return frontend::py::Value::boolean(v.get<bool>());
    if (v.is_number_integer()) return frontend::py::Value::integer(v.get<std::int64_t>());
    if (v.is_number()) return frontend::py::Value::real(v.get<double>());
    if (v.is_string()) return frontend::py::Value::string(v.get<std::string>());
    return frontend::py::Value();
}

} // namespace

std::vector<TtirLaunch> loadTtirLaunches(const std::string& dataDir) {
    std::vector<std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(dataDir + "/ttir"))
        if (e.is_regular_file() && e.path().extension() == ".ttir") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    std::vector<TtirLaunch> out;
    for (const std::string& f : files) {
        std::string rec = f.substr(0, f.size() - 5) + ".launch.json";
        std::ifstream in(rec);
        if (!in) continue;
        TtirLaunch l;
        l.record = nlohmann::json::parse(in);
        l.ttirPath = f;
        l.name = l.record["name"].get<std::string>();
        l.category = l.record["category"].get<std::string>();
        l.file = l.record["file"].get<std::string>();
        l.kernel = l.record["kernel"].get<std::string>();
        for (auto& [k, v] : l.record["constexprs"].items()) l.constexprs[k] = pyValue(v);
        for (const auto& n : l.record["specialization"]["equal_to_1"]) l.equalToOne.insert(n.get<std::string>());
        out.push_back(std::move(l));
    }
    return out;
}

bool caseMatches(const TtirLaunch& l, const CorpusCase& c) {
    if (c.name != l.name) return false;
    for (auto& [k, v] : c.options.constexprs) {
        auto it = l.constexprs.find(k);
        if (it == l.constexprs.end() || !(it->second == v)) return false;
    }
    for (auto& [k, v] : l.constexprs)
        if (!c.options.constexprs.count(k)) return false;
    for (const std::string& a : l.equalToOne) {
        auto it = c.input.scalars.find(a);
        if (it == c.input.scalars.end() || it->second != 1.0) return false;
    }
    return true;
}

FreshRun freshInputs(const TtirLaunch& l, unsigned seed) {
    FreshRun r;
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> real(-2.0, 2.0);
    std::int64_t smallest = 0;
    for (auto& [k, v] : l.record["size"].items())
        if (v.is_number_integer() && v.get<std::int64_t>() > 0)
            smallest = smallest == 0 ? v.get<std::int64_t>() : std::min(smallest, v.get<std::int64_t>());
    if (smallest == 0) smallest = 16;
    std::uniform_int_distribution<std::int64_t> integer(0, smallest - 1);
    for (std::size_t a = 0; a < 3; ++a) r.input.grid[a] = l.record["grid"][a].get<std::int64_t>();
    r.python.constexprs = l.constexprs;
    for (const auto& arg : l.record["args"]) {
        std::string name = arg["name"].get<std::string>();
        std::string kind = arg["kind"].get<std::string>();
        if (kind == "int") {
            r.python.scalars[name] = arg.value("ttir_type", std::string("i32")) == "i64" ? ir::DType::I64 : ir::DType::I32;
            r.input.scalars[name] = static_cast<double>(arg["value"].get<std::int64_t>());
        } else if (kind == "float") {
            r.python.scalars[name] = ir::DType::F32;
            r.input.scalars[name] = static_cast<double>(static_cast<float>(arg["value"].get<double>()));
        } else if (kind == "tensor") {
            ir::DType t = ir::parseDType(arg["dtype"].get<std::string>()).value_or(ir::DType::F32);
            r.python.pointers[name] = t;
            std::int64_t numel = arg.value("offset", std::int64_t{0}) + 1;
            for (std::size_t d = 0; d < arg["shape"].size(); ++d) {
                std::int64_t n = arg["shape"][d].get<std::int64_t>();
                numel += (n - 1) * std::abs(arg["strides"][d].get<std::int64_t>());
                if (n == 0) numel = 0;
            }
            std::vector<double> data(static_cast<std::size_t>(std::max<std::int64_t>(numel, 0)));
            for (double& x : data) {
                if (t == ir::DType::Bool) x = static_cast<double>(integer(rng) % 2);
                else if (ir::isInteger(t)) x = static_cast<double>(integer(rng));
                else x = ir::roundToDType(real(rng), t);
            }
            r.input.buffers[name] = std::move(data);
        }
    }
    return r;
}

Mismatch compareBuffers(const std::map<std::string, std::vector<double>>& want,
                        const std::map<std::string, std::vector<double>>& got) {
    Mismatch m;
    for (auto& [name, w] : want) {
        auto it = got.find(name);
        if (it == got.end() || it->second.size() != w.size()) {
            if (m.count++ == 0) m.first = name + ": missing or of another size";
            continue;
        }
        for (std::size_t i = 0; i < w.size(); ++i) {
            double a = w[i], b = it->second[i];
            bool ok = (std::isnan(a) && std::isnan(b)) || (std::isinf(a) && a == b) ||
                      std::fabs(a - b) <= 2e-3 * std::max(1.0, std::fabs(a));
            if (!ok && m.count++ == 0)
                m.first = name + "[" + std::to_string(i) + "]: want " + std::to_string(a) + ", got " + std::to_string(b);
        }
    }
    return m;
}

} // namespace tlift::testing
