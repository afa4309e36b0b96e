#include "ttir_test_support.h"

namespace tlift::frontend::ttir::testing {

std::unique_ptr<Loaded> readFixture(const std::string& name) {
    auto l = std::make_unique<Loaded>();
    std::string path = std::string(TLIFT_TEST_DATA) + "/ttir_unit/" + name;
    l->file = l->sm.loadFile(path);
    if (l->file != util::kNoFile) l->result.emplace(readTtir(l->sm, l->file));
    return l;
}

std::unique_ptr<Loaded> readText(const std::string& text, const std::string& path) {
    auto l = std::make_unique<Loaded>();
    l->file = l->sm.addFile(path, text);
    l->result.emplace(readTtir(l->sm, l->file));
    return l;
}

const TtirOp* findOp(const TtirModule& m, std::string_view name, int nth) {
    for (const TtirOp& op : m.ops)
        if (op.name == name && nth-- == 0) return &op;
    return nullptr;
}

int countOps(const TtirModule& m, std::string_view name) {
    int n = 0;
    for (const TtirOp& op : m.ops)
        n += op.name == name ? 1 : 0;
    return n;
}

ValueId findValue(const TtirModule& m, std::string_view ssaName) {
    for (const TtirValue& v : m.values)
        if (v.ssaName == ssaName) return v.id;
    return kNoId;
}

const TtirOp* defOf(const TtirModule& m, std::string_view ssaName) {
    ValueId id = findValue(m, ssaName);
    if (id == kNoId || m.value(id).kind != TtirValueKind::OpResult) return nullptr;
    return &m.op(m.value(id).owner);
}

} // namespace tlift::frontend::ttir::testing
