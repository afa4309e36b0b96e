# The Triton Python frontend: lexer, parser, AST, module model. Included by
# core/frontend/CMakeLists.txt.
list(APPEND FRONTEND_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/ast.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ast_dump.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ast_unparse.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ast_walk.cpp
  ${CMAKE_CURRENT_LIST_DIR}/const_evaluator.cpp
  ${CMAKE_CURRENT_LIST_DIR}/decorator_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/import_table.cpp
  ${CMAKE_CURRENT_LIST_DIR}/kernel_pointers.cpp
  ${CMAKE_CURRENT_LIST_DIR}/launch_facts.cpp
  ${CMAKE_CURRENT_LIST_DIR}/launch_finder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/lexer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/literals.cpp
  ${CMAKE_CURRENT_LIST_DIR}/module_analyzer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/module_describe.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parser.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parser_expr.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parser_stmt.cpp
  ${CMAKE_CURRENT_LIST_DIR}/token.cpp
  ${CMAKE_CURRENT_LIST_DIR}/unicode_chars.cpp
  ${CMAKE_CURRENT_LIST_DIR}/value.cpp
  ${CMAKE_CURRENT_LIST_DIR}/value_ops.cpp
  ${CMAKE_CURRENT_LIST_DIR}/wrapper_calls.cpp
  ${CMAKE_CURRENT_LIST_DIR}/wrapper_facts.cpp
  ${CMAKE_CURRENT_LIST_DIR}/wrapper_interpreter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/wrapper_render.cpp
  ${CMAKE_CURRENT_LIST_DIR}/wrapper_tensors.cpp
  ${CMAKE_CURRENT_LIST_DIR}/wrapper_terms.cpp
)

# These sources format messages with fmt. The layer's target is created after this file is
# included, so the link is added once core/frontend/CMakeLists.txt has been processed.
cmake_language(DEFER CALL target_link_libraries tlift_frontend PRIVATE fmt::fmt)
