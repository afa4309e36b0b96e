# The TTIR driver of the symbolic executor (included by core/symexec/CMakeLists.txt).
list(APPEND SYMEXEC_TTIR_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/ttir_exec.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ttir_interp.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ttir_arith.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ttir_tt_ops.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ttir_control.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ttir_reduce.cpp)
