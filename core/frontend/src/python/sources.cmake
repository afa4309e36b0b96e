# The Triton Python frontend: lexer, parser, AST, module model. Included by
# core/frontend/CMakeLists.txt.
list(APPEND FRONTEND_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/ast.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ast_dump.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ast_walk.cpp
  ${CMAKE_CURRENT_LIST_DIR}/lexer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/literals.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parser.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parser_expr.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parser_stmt.cpp
  ${CMAKE_CURRENT_LIST_DIR}/token.cpp
  ${CMAKE_CURRENT_LIST_DIR}/unicode_chars.cpp
)
