# The package tests (included from tests/CMakeLists.txt): public headers as
# strict C99/C++11, a quiet library (no environment, no stdout/stderr), and
# C and C++ consumers of the installed package (run.sh).
find_program(VNAUDIT_CXX NAMES c++ g++ REQUIRED)
add_test(NAME package.headers COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/headers.sh ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
add_test(NAME package.quiet COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/quiet.sh $<TARGET_FILE:vnaudit_static>)
add_test(NAME package.consumer
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/run.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR} $<TARGET_FILE:vnaudit>)
set_tests_properties(package.headers package.quiet PROPERTIES LABELS package TIMEOUT 60)
if(VNAUDIT_SANITIZE)
  # the consumers are built with the sanitizers the installed library was built with
  set(_vn_san "-fsanitize=address,undefined -fno-omit-frame-pointer")
  set_tests_properties(package.consumer PROPERTIES LABELS package TIMEOUT 600
    ENVIRONMENT "CFLAGS=${_vn_san};CXXFLAGS=${_vn_san};LDFLAGS=${_vn_san};VNAUDIT_CONSUMER_SUBPROJECT=configure")
else()
  set_tests_properties(package.consumer PROPERTIES LABELS package TIMEOUT 300)
endif()
