#include "tlift/frontend/python/ast.h"

namespace tlift::frontend::py {

const char* binOpSymbol(BinOpKind op) {
    switch (op) {
    case BinOpKind::Add: return "+";
    case BinOpKind::Sub: return "-";
    case BinOpKind::Mult: return "*";
    case BinOpKind::MatMult: return "@";
    case BinOpKind::Div: return "/";
    case BinOpKind::FloorDiv: return "//";
    case BinOpKind::Mod: return "%";
    case BinOpKind::Pow: return "**";
    case BinOpKind::LShift: return "<<";
    case BinOpKind::RShift: return ">>";
    case BinOpKind::BitOr: return "|";
    case BinOpKind::BitXor: return "^";
    case BinOpKind::BitAnd: return "&";
    }
    return "?";
}

const char* unaryOpSymbol(UnaryOpKind op) {
    switch (op) {
    case UnaryOpKind::Invert: return "~";
    case UnaryOpKind::Not: return "not";
    case UnaryOpKind::UAdd: return "+";
    case UnaryOpKind::USub: return "-";
    }
    return "?";
}

const char* boolOpSymbol(BoolOpKind op) { return op == BoolOpKind::And ? "and" : "or"; }

const char* cmpOpSymbol(CmpOpKind op) {
    switch (op) {
    case CmpOpKind::Eq: return "==";
    case CmpOpKind::NotEq: return "!=";
    case CmpOpKind::Lt: return "<";
    case CmpOpKind::LtE: return "<=";
    case CmpOpKind::Gt: return ">";
    case CmpOpKind::GtE: return ">=";
    case CmpOpKind::Is: return "is";
    case CmpOpKind::IsNot: return "is not";
    case CmpOpKind::In: return "in";
    case CmpOpKind::NotIn: return "not in";
    }
    return "?";
}

const char* exprKindName(ExprKind k) {
    switch (k) {
    case ExprKind::Name: return "Name";
    case ExprKind::Constant: return "Constant";
    case ExprKind::Attribute: return "Attribute";
    case ExprKind::Subscript: return "Subscript";
    case ExprKind::Slice: return "Slice";
    case ExprKind::Call: return "Call";
    case ExprKind::BinOp: return "BinOp";
    case ExprKind::UnaryOp: return "UnaryOp";
    case ExprKind::BoolOp: return "BoolOp";
    case ExprKind::Compare: return "Compare";
    case ExprKind::IfExp: return "IfExp";
    case ExprKind::Tuple: return "Tuple";
    case ExprKind::List: return "List";
    case ExprKind::Dict: return "Dict";
    case ExprKind::Set: return "Set";
    case ExprKind::Lambda: return "Lambda";
    case ExprKind::Starred: return "Starred";
    case ExprKind::ListComp: return "ListComp";
    case ExprKind::SetComp: return "SetComp";
    case ExprKind::DictComp: return "DictComp";
    case ExprKind::GeneratorExp: return "GeneratorExp";
    case ExprKind::JoinedStr: return "JoinedStr";
    case ExprKind::NamedExpr: return "NamedExpr";
    case ExprKind::Await: return "Await";
    case ExprKind::Yield: return "Yield";
    case ExprKind::YieldFrom: return "YieldFrom";
    }
    return "?";
}

const char* stmtKindName(StmtKind k) {
    switch (k) {
    case StmtKind::FunctionDef: return "FunctionDef";
    case StmtKind::ClassDef: return "ClassDef";
    case StmtKind::Return: return "Return";
    case StmtKind::Delete: return "Delete";
    case StmtKind::Assign: return "Assign";
    case StmtKind::AugAssign: return "AugAssign";
    case StmtKind::AnnAssign: return "AnnAssign";
    case StmtKind::For: return "For";
    case StmtKind::While: return "While";
    case StmtKind::If: return "If";
    case StmtKind::With: return "With";
    case StmtKind::Raise: return "Raise";
    case StmtKind::Try: return "Try";
    case StmtKind::Assert: return "Assert";
    case StmtKind::Import: return "Import";
    case StmtKind::ImportFrom: return "ImportFrom";
    case StmtKind::Global: return "Global";
    case StmtKind::Nonlocal: return "Nonlocal";
    case StmtKind::Expr: return "Expr";
    case StmtKind::Pass: return "Pass";
    case StmtKind::Break: return "Break";
    case StmtKind::Continue: return "Continue";
    }
    return "?";
}

const char* paramKindName(ParamKind k) {
    switch (k) {
    case ParamKind::PositionalOnly: return "posonly";
    case ParamKind::Regular: return "regular";
    case ParamKind::VarArgs: return "varargs";
    case ParamKind::KeywordOnly: return "kwonly";
    case ParamKind::VarKeywords: return "varkw";
    }
    return "?";
}

const Expr* Call::keyword(std::string_view name) const {
    for (const Keyword& k : keywords)
        if (!k.isDoubleStar() && k.name == name) return k.value.get();
    return nullptr;
}

const Param* Parameters::find(std::string_view name) const {
    for (const Param& p : params)
        if (p.name == name) return &p;
    return nullptr;
}

const Constant* docstringOf(const Body& body) {
    if (body.empty()) return nullptr;
    const auto* stmt = body.front()->as<ExprStmt>();
    if (!stmt) return nullptr;
    const auto* c = stmt->value->as<Constant>();
    return c && c->valueKind == ConstantKind::String ? c : nullptr;
}

} // namespace tlift::frontend::py
