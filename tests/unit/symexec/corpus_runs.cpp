#include "corpus_runs.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace tlift::testing {

std::unique_ptr<LoadedKernel> loadKernelFile(const std::string& path) {
    auto k = std::make_unique<LoadedKernel>();
    std::string err;
    util::FileId id = k->sm.loadFile(path, &err);
    if (id == util::kNoFile) return nullptr;
    k->parsed = frontend::py::parseModule(k->sm, id);
    k->info = frontend::py::analyzeModule(*k->parsed.module, k->diags);
    return k;
}

double readFloat(const nlohmann::json& v) {
    if (v.is_string()) {
        std::string s = v.get<std::string>();
        if (s == "nan") return std::nan("");
        if (s == "inf") return INFINITY;
        if (s == "-inf") return -INFINITY;
        return static_cast<double>(std::strtof(s.c_str(), nullptr));
    }
    if (v.is_number_integer()) return static_cast<double>(v.get<std::int64_t>());
    // The device script wrote the shortest decimal of each float32: read it back as a float.
    return static_cast<double>(static_cast<float>(v.get<double>()));
}

std::vector<CorpusCase> loadCorpusRuns(const std::string& dataDir) {
    namespace fs = std::filesystem;
    std::vector<std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(dataDir + "/runs"))
        if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    std::vector<CorpusCase> out;
    for (const std::string& f : files) {
        std::ifstream in(f);
        nlohmann::json d = nlohmann::json::parse(in);
        for (const auto& c : d["cases"]) {
            CorpusCase cc;
            cc.name = d["name"].get<std::string>();
            cc.file = d["file"].get<std::string>();
            cc.kernel = d["kernel"].get<std::string>();
            cc.sizeText = c["size"].dump();
            const auto& launch = c["launches"][0];
            for (std::size_t a = 0; a < 3; ++a) cc.input.grid[a] = launch["grid"][a].get<std::int64_t>();
            for (const auto& arg : launch["args"]) {
                std::string name = arg["name"].get<std::string>();
                std::string kind = arg["kind"].get<std::string>();
                if (kind == "constexpr") {
                    const auto& v = arg["value"];
                    if (v.is_boolean()) cc.options.constexprs[name] = frontend::py::Value::boolean(v.get<bool>());
                    else if (v.is_number_integer()) cc.options.constexprs[name] = frontend::py::Value::integer(v.get<std::int64_t>());
                    else if (v.is_number()) cc.options.constexprs[name] = frontend::py::Value::real(v.get<double>());
                    else if (v.is_null()) cc.options.constexprs[name] = frontend::py::Value();
                    else if (v.is_string()) cc.options.constexprs[name] = frontend::py::Value::string(v.get<std::string>());
                } else if (kind == "int") {
                    cc.options.scalars[name] = ir::DType::I32;
                    cc.input.scalars[name] = static_cast<double>(arg["value"].get<std::int64_t>());
                } else if (kind == "float") {
                    cc.options.scalars[name] = ir::DType::F32;
                    cc.input.scalars[name] = static_cast<double>(static_cast<float>(arg["value"].get<double>()));
                } else if (kind == "tensor") {
                    auto t = ir::parseDType(arg["dtype"].get<std::string>());
                    cc.options.pointers[name] = t.value_or(ir::DType::F32);
                    const auto& buf = c["buffers"][arg["buffer"].get<std::string>()];
                    std::int64_t offset = arg.value("offset", 0);
                    std::vector<double> data;
                    if (buf.contains("before")) {
                        for (const auto& v : buf["before"]) data.push_back(readFloat(v));
                    } else {
                        data.assign(buf["numel"].get<std::size_t>(), std::nan(""));
                    }
                    data.erase(data.begin(), data.begin() + std::min<std::int64_t>(offset, static_cast<std::int64_t>(data.size())));
                    cc.input.buffers[name] = data;
                    if (buf.contains("after")) {
                        std::vector<double> after;
                        for (const auto& v : buf["after"]) after.push_back(readFloat(v));
                        after.erase(after.begin(), after.begin() + std::min<std::int64_t>(offset, static_cast<std::int64_t>(after.size())));
                        cc.expected[name] = after;
                    }
                }
            }
            out.push_back(std::move(cc));
        }
    }
    return out;
}

} // namespace tlift::testing
