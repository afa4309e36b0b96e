# Layers of tritonlift (docs/architecture.md):
#   util < ir < {frontend, verify, egraph} < symexec < synth < report < engine < widgets < app
# Each layer is one library with its public headers under include/tlift/<layer>/. A layer may
# link only the layers named in its DEPS; tools/check_layers.cmake (a test) checks the includes.

set(TLIFT_WARNINGS -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers)
if(TLIFT_WERROR)
  list(APPEND TLIFT_WARNINGS -Werror)
endif()

function(tlift_warnings target)
  target_compile_options(${target} PRIVATE ${TLIFT_WARNINGS})
endfunction()

# tlift_layer(<name> SOURCES ... DEPS <lower layers> [LIBS <external targets>])
function(tlift_layer name)
  cmake_parse_arguments(L "" "" "SOURCES;DEPS;LIBS;PRIVATE_LIBS" ${ARGN})
  set(target tlift_${name})
  if(L_SOURCES)
    add_library(${target} STATIC ${L_SOURCES})
    target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
                                         PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
    foreach(dep IN LISTS L_DEPS)
      target_link_libraries(${target} PUBLIC tlift_${dep})
    endforeach()
    target_link_libraries(${target} PUBLIC ${L_LIBS} PRIVATE ${L_PRIVATE_LIBS})
    tlift_warnings(${target})
  else()
    add_library(${target} INTERFACE)
    target_include_directories(${target} INTERFACE ${CMAKE_CURRENT_SOURCE_DIR}/include)
    foreach(dep IN LISTS L_DEPS)
      target_link_libraries(${target} INTERFACE tlift_${dep})
    endforeach()
  endif()
  add_library(tlift::${name} ALIAS ${target})
endfunction()
