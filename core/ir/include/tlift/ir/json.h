#pragma once
// The JSON form of IR expressions (docs/ir-format.md, "JSON"): a table of nodes in which every
// shared subterm appears once, children referring to earlier nodes by index.

#include "tlift/ir/context.h"

#include <nlohmann/json.hpp>

namespace tlift::ir {

nlohmann::json toJson(Expr e);
// Several roots sharing one node table: {"nodes": [...], "roots": [i, ...]}.
nlohmann::json toJson(std::span<const Expr> roots);
util::Result<Expr> fromJson(Context& ctx, const nlohmann::json& j);
util::Result<std::vector<Expr>> fromJsonMany(Context& ctx, const nlohmann::json& j);

} // namespace tlift::ir
