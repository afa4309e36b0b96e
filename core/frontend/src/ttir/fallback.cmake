# For a build without MLIR (TLIFT_BUILD_TTIR=OFF): the MLIR-free part of the TTIR reader (the
# neutral structure, its dump, the Triton cache scan) plus a readTtir that answers "built without
# TTIR support", compiled straight into tlift_frontend. core/frontend/CMakeLists.txt includes this
# file when it does not add_subdirectory(src/ttir).
target_sources(tlift_frontend PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ttir_module.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ttir_dump.cpp
  ${CMAKE_CURRENT_LIST_DIR}/triton_cache.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ttir_disabled.cpp)
