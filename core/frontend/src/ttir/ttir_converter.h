#pragma once
// Converts a parsed, verified TTIR module into the neutral TtirModule: interns types, gives every
// value and op a dense id in text order, names operands by their groups, turns attributes into
// TtirAttr and locations into TtirLoc.

#include "location_resolver.h"
#include "tlift/frontend/ttir/ttir_module.h"
#include "ttir_parser.h"

#include <llvm/ADT/DenseMap.h>
#include <mlir/IR/Operation.h>
#include <mlir/IR/Value.h>
#include <mlir/Interfaces/FunctionInterfaces.h>
#include <optional>
#include <string>

namespace tlift::frontend::ttir {

class TtirConverter {
public:
    TtirConverter(TtirParser& parser, TtirModule& out)
        : m_parser(parser), m_out(out), m_locations(out.path) {}

    std::optional<util::Diagnostic> run();

private:
    std::optional<util::Diagnostic> convertFunction(mlir::FunctionOpInterface fn);
    void numberRegion(mlir::Region& region, OpId owner);
    void numberOp(mlir::Operation* op, OpId parent);
    ValueId addValue(mlir::Value v, TtirValueKind kind, OpId owner, std::uint32_t index);
    void convertRegion(mlir::Region& region, TtirRegion& out);
    void convertOp(mlir::Operation* op);
    void nameBlock(mlir::Block& block, TtirBlock& out);
    TypeId typeId(mlir::Type t);
    TtirType convertType(mlir::Type t);
    TtirAttr convertAttr(mlir::Attribute a);
    TtirAttr convertDense(mlir::DenseElementsAttr dense);
    std::vector<TtirNamedAttr> convertAttrs(mlir::Operation* op, mlir::DictionaryAttr dict,
                                            bool skipFunctionAttrs);
    ValueId idOf(mlir::Value v) const;

    TtirParser& m_parser;
    TtirModule& m_out;
    LocationResolver m_locations;
    std::string m_kernelFile; // the file of the function being converted
    llvm::DenseMap<mlir::Type, TypeId> m_types;
    llvm::DenseMap<mlir::Value, ValueId> m_values;
    llvm::DenseMap<mlir::Operation*, OpId> m_ops;
};

} // namespace tlift::frontend::ttir
