# Unit tests of the stencil toolchain (included by tests/CMakeLists.txt when
# clang-19 is there).

# Extractor: small C files compiled by clang-19 now, each producing the
# relocation its name says (see the comment in each file).
set(snip_src ${CMAKE_CURRENT_SOURCE_DIR}/unit/stencil_snippets)
set(snip_dir ${CMAKE_CURRENT_BINARY_DIR}/stencil_snippets)
file(MAKE_DIRECTORY ${snip_dir})
set(snip_base -O2 -fno-asynchronous-unwind-tables -fno-stack-protector -fcf-protection=none)
set(snip_objects)
function(stencil_snippet out src)
  add_custom_command(OUTPUT ${snip_dir}/${out}.o
    COMMAND ${STITCH_CLANG} ${snip_base} ${ARGN} -c ${snip_src}/${src}.c -o ${snip_dir}/${out}.o
    DEPENDS ${snip_src}/${src}.c VERBATIM)
  set(snip_objects ${snip_objects} ${snip_dir}/${out}.o PARENT_SCOPE)
endfunction()
stencil_snippet(abs64 abs64 -fno-pic -mcmodel=medium)
stencil_snippet(abs32 abs32 -fno-pic -mcmodel=medium)
stencil_snippet(abs32s abs32s -fno-pic)
stencil_snippet(pc32_plt32 pc32_plt32 -fno-pic -mcmodel=medium)
stencil_snippet(rex_gotpcrelx gotpcrel -fpic)
stencil_snippet(gotpcrel gotpcrel -fpic -Wa,-mrelax-relocations=no)
stencil_snippet(gotpcrelx gotpcrelx -fpic -fno-plt)
stencil_snippet(tls tls -fno-pic)
stencil_snippet(tail tail -fno-pic -mcmodel=medium)
stencil_snippet(guard guard -fno-pic -mcmodel=medium)
add_custom_target(stencil_snippets DEPENDS ${snip_objects})

add_executable(test_build_stencils ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_build_stencils.c)
add_dependencies(test_build_stencils stencil_snippets)
target_compile_definitions(test_build_stencils PRIVATE SNIPPET_DIR="${snip_dir}")
target_include_directories(test_build_stencils PRIVATE ${CMOCKA_INCLUDE_DIR})
target_link_libraries(test_build_stencils PRIVATE stencil_extract ${CMOCKA_LIBRARY})
add_test(NAME unit/test_build_stencils COMMAND test_build_stencils)
set_tests_properties(unit/test_build_stencils PROPERTIES LABELS unit)

add_executable(test_stitch ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_stitch.c)
target_include_directories(test_stitch PRIVATE ${CMOCKA_INCLUDE_DIR})
target_link_libraries(test_stitch PRIVATE stitchjit stitchrt ${CMOCKA_LIBRARY})
add_test(NAME unit/test_stitch COMMAND test_stitch)
set_tests_properties(unit/test_stitch PROPERTIES LABELS unit)

add_executable(test_dump ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_dump.c)
target_include_directories(test_dump PRIVATE ${CMOCKA_INCLUDE_DIR})
target_link_libraries(test_dump PRIVATE stitchjit stitchrt ${CMOCKA_LIBRARY})
add_test(NAME unit/test_dump COMMAND test_dump)
set_tests_properties(unit/test_dump PROPERTIES LABELS unit)
