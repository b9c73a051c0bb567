# The store's fuzz harness, fuzzers/store_open.c (included from the top-level
# CMakeLists.txt when tests are built).
#
# - store_replay: the harness with a plain driver (store_replay.c), run by
#   ctest over the seed corpus fuzzers/corpus/store/ in every build,
#   sanitizers included.
# - store_seeds: writes that corpus (`store_seeds fuzzers/corpus/store`).
# - fuzz_store_open (ORGTRUST_FUZZ=ON, clang): the libFuzzer target, compiled
#   from the library's sources with coverage instrumentation:
#     fuzz_store_open -max_len=65536 fuzzers/corpus/store
set(OT_FUZZ_DIR ${PROJECT_SOURCE_DIR}/fuzzers)

add_executable(store_replay ${OT_FUZZ_DIR}/store_replay.c ${OT_FUZZ_DIR}/store_open.c)
target_include_directories(store_replay PRIVATE ${PROJECT_SOURCE_DIR}/lib)
target_link_libraries(store_replay PRIVATE orgtrust_static)
add_test(NAME fuzz_store_corpus COMMAND store_replay ${OT_FUZZ_DIR}/corpus/store)
set_tests_properties(fuzz_store_corpus PROPERTIES LABELS fuzz)

add_executable(store_seeds ${OT_FUZZ_DIR}/store_seeds.c)
target_link_libraries(store_seeds PRIVATE orgtrust_static)

if(ORGTRUST_FUZZ)
  add_executable(fuzz_store_open ${OT_FUZZ_DIR}/store_open.c ${OT_SOURCES})
  target_include_directories(fuzz_store_open PRIVATE ${PROJECT_SOURCE_DIR}/lib ${PROJECT_SOURCE_DIR}/include)
  target_compile_definitions(fuzz_store_open PRIVATE ORGTRUST_STATIC)
  target_compile_options(fuzz_store_open PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(fuzz_store_open PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_store_open PRIVATE ${OT_DEPS} m)
endif()
